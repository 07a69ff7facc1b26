package dev.herald.server.cli;

import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.endpoint.SecretKeyRotation;
import dev.herald.server.store.Database;
import dev.herald.server.store.Databases;
import dev.herald.server.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald rotate-secret-key --new-key KEY}: re-encrypts every stored secret (endpoint secrets and headers,
 * source secrets and tokens) under a new key, on the store the configuration names.
 */
@Command(name = "rotate-secret-key", mixinStandardHelpOptions = true,
        description = {"Re-encrypt every secret Herald stores (endpoint secrets and custom headers, inbound source "
                + "secrets and ingest tokens) with a new key, on the embedded store or on PostgreSQL "
                + "(--database-url). Stop every Herald server of the store first; they refuse to start until the "
                + "rotation has finished.",
                "The current key is HERALD_SECRET_KEY (--secret-key) if set, else the stored one (data dir key "
                        + "file, or the database). The new key replaces the stored one; if the current key came "
                        + "from HERALD_SECRET_KEY, set HERALD_SECRET_KEY to the new key before starting again. "
                        + "Interrupted? Run the same command again: it finishes the job."})
final class RotateSecretKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--new-key", paramLabel = "KEY", defaultValue = "${env:HERALD_NEW_SECRET_KEY}",
            description = "the new key (any string; e.g. from `openssl rand -base64 32`); env HERALD_NEW_SECRET_KEY "
                    + "keeps it out of the process list")
    String newKey;

    @Option(names = "--external", description = "the new key will be given as HERALD_SECRET_KEY from now on: do not "
            + "store it, and delete the key kept in the database or the data dir key file")
    boolean external;

    @Option(names = "--config", paramLabel = "FILE", description = "config file, as for serve")
    Path configFile;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (newKey == null || newKey.isBlank()) {
            err.println("herald: --new-key (or HERALD_NEW_SECRET_KEY) is required");
            return CommandLine.ExitCode.USAGE;
        }
        try {
            return rotate(ServeCommand.loadConfig(spec, configFile), spec.commandLine().getOut(), err);
        } catch (ConfigException e) {
            err.println("herald: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
    }

    private int rotate(Config config, PrintWriter out, PrintWriter err) {
        try (Database db = Databases.open(config)) {
            SecretKeyRotation.Result result = new SecretKeyRotation(config, db).rotate(newKey, external,
                    (column, count) -> {
                        out.printf("  %-22s %,d values re-encrypted%n", column, count);
                        out.flush();
                    });
            out.printf("herald: re-encrypted %,d values with the new key%n", result.resealed());
            out.println(result.keyStored() ? "herald: the new key replaced the stored one; start Herald as before"
                    : "herald: start every node with HERALD_SECRET_KEY set to the new key");
            return 0;
        } catch (ConfigException | StoreException e) {
            err.println("herald: rotate-secret-key failed: " + e.getMessage()
                    + "; after fixing the cause, run it again with the same --new-key");
            return 1;
        }
    }
}
