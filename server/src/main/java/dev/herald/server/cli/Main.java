package dev.herald.server.cli;

import dev.herald.server.core.Durations;
import dev.herald.webhooks.WebhookSecret;
import java.time.Duration;
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
                MigrateFromSvixCommand.class,
                ListenCommand.class,
                SendCommand.class,
                TailCommand.class,
                VerifyCommand.class,
                SignCommand.class,
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
        cli.registerConverter(WebhookSecret.class, text -> converted(text, WebhookSecret::parse));
        cli.registerConverter(Duration.class, text -> converted(text, Durations::parse));
        cli.setExecutionExceptionHandler(Main::failed);
        return cli;
    }

    /** The value, or a usage error whose message is the parser's alone, so that a secret is never echoed. */
    private static <T> T converted(String text, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** A request the server refused, or a file that cannot be read: the reason on stderr and exit code 1. */
    private static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ApiClient.Failure || e instanceof java.io.IOException) {
            cli.getErr().println("herald: " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file: " + e.getMessage() : e.getMessage()));
            cli.getErr().flush();
            return 1;
        }
        if (e instanceof InterruptedException) {
            return 0; // stopped (Ctrl-C)
        }
        throw e;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
