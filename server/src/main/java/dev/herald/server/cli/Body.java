package dev.herald.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes a command reads from {@code FILE}, or from standard input for {@code -} or no file at all. */
final class Body {
    private Body() {
    }

    static byte[] read(String fileOrDash) throws IOException {
        if (fileOrDash == null || fileOrDash.equals("-")) {
            InputStream in = System.in;
            return in.readAllBytes();
        }
        return Files.readAllBytes(Path.of(fileOrDash));
    }
}
