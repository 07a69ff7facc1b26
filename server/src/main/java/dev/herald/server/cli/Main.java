package dev.herald.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./herald} command line: the server and the operator commands. */
@Command(name = "herald",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Herald: a self-hosted webhook platform (Svix API v1 compatible).",
        subcommands = {
                ServeCommand.class,
                BuildCommand.class,
                AdminTokenCommand.class,
                MigrateStoreCommand.class,
                RotateSecretKeyCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0 || !ServeCommand.servedUntilStopped()) {
            System.exit(exit);
        }
        System.exit(0);
    }

    /** Every command with its options, ready to execute (the tests run commands through it too). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (String command : new String[] {"serve", "admin-token", "migrate-store", "rotate-secret-key"}) {
            ServeCommand.addSettingOptions(cli.getSubcommands().get(command).getCommandSpec());
        }
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
