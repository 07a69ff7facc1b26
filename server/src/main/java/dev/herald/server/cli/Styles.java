package dev.herald.server.cli;

import picocli.CommandLine.Help.Ansi;

/** Colour for people at a terminal, plain text everywhere else (pipes, files, tests). */
final class Styles {
    private Styles() {
    }

    static String good(String text) {
        return Ansi.AUTO.string("@|green " + escape(text) + "|@");
    }

    static String bad(String text) {
        return Ansi.AUTO.string("@|red " + escape(text) + "|@");
    }

    static String dim(String text) {
        return Ansi.AUTO.string("@|faint " + escape(text) + "|@");
    }

    /** Green for a 2xx status, red for any other. */
    static String status(int code) {
        return code >= 200 && code < 300 ? good(Integer.toString(code)) : bad(code == 0 ? "---" : Integer.toString(code));
    }

    private static String escape(String text) {
        return text.replace("|@", "| @");
    }
}
