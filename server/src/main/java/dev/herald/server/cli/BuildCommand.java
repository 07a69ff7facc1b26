package dev.herald.server.cli;

import picocli.CommandLine.Command;

/** Listed for --help; the ./herald launcher performs the build before Java starts. */
@Command(name = "build", description = "(Re)build Herald from source and exit (done by the ./herald launcher).")
final class BuildCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("Herald is built. (The ./herald launcher runs the build; this command has nothing left to do.)");
    }
}
