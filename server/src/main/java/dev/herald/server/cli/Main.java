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
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        ServeCommand.addSettingOptions(cli.getSubcommands().get("serve").getCommandSpec());
        ServeCommand.addSettingOptions(cli.getSubcommands().get("admin-token").getCommandSpec());
        int exit = cli.execute(args);
        if (exit != 0 || !ServeCommand.servedUntilStopped()) {
            System.exit(exit);
        }
        System.exit(0);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
