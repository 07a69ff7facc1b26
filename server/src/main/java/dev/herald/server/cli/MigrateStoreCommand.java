package dev.herald.server.cli;

import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.endpoint.SecretCipher;
import dev.herald.server.store.Database;
import dev.herald.server.store.Databases;
import dev.herald.server.store.PostgresUrl;
import dev.herald.server.store.StoreCopy;
import dev.herald.server.store.StoreException;
import dev.herald.server.store.StoredSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald migrate-store --to postgresql://...}: moves the embedded store of the data dir, with the key that
 * encrypts its endpoint secrets, into an empty PostgreSQL database, so that several nodes can take over from one.
 */
@Command(name = "migrate-store", mixinStandardHelpOptions = true,
        description = {"Copy the embedded store (the data dir) into a PostgreSQL database: every application, event "
                + "type, endpoint and its secrets, message, pending delivery, attempt and setting, and the key that "
                + "encrypts the secrets. Stop Herald first; then start the nodes with HERALD_DATABASE_URL.",
                "The target database is migrated to this version's schema and must hold no Herald data, unless "
                        + "--force is given."})
final class MigrateStoreCommand implements Callable<Integer> {
    private static final int POOL_SIZE = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "the PostgreSQL database to copy into: postgresql://user:pass@host:5432/db or "
                    + "jdbc:postgresql://...")
    String to;

    @Option(names = "--force", description = "replace what the target holds (e.g. after an interrupted copy)")
    boolean force;

    @Option(names = "--config", paramLabel = "FILE", description = "config file, as for serve")
    Path configFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config;
        PostgresUrl target;
        try {
            config = ServeCommand.loadConfig(spec, configFile);
            target = PostgresUrl.parse(to);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("herald: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        Path file = Databases.embeddedFile(config.dataDir());
        if (!Files.isRegularFile(file)) {
            err.println("herald: no embedded store at " + file + " (set --data-dir or HERALD_DATA_DIR)");
            return CommandLine.ExitCode.USAGE;
        }
        out.println("herald: copying " + file + " into " + target.redacted());
        out.flush();
        try (Database source = Databases.openEmbedded(config.dataDir());
             Database postgres = Databases.openPostgres(to, POOL_SIZE)) {
            StoreCopy copy = new StoreCopy(source, postgres);
            Map<String, Long> occupied = copy.occupiedTables();
            if (!occupied.isEmpty()) {
                if (!force) {
                    err.println("herald: the target already holds Herald data " + occupied
                            + "; copy into an empty database, or add --force to replace it");
                    return 1;
                }
                copy.emptyTarget();
                out.println("  emptied the target (--force)");
            }
            Map<String, Long> copied = copy.copyAll((table, rows) -> {
                out.printf("  %-18s %,d rows%n", table, rows);
                out.flush();
            });
            boolean keyInDatabase = SecretCipher.moveEmbeddedKey(config, new StoredSettings(postgres));
            out.println(keyInDatabase ? "  secret key         moved into the database"
                    : "  secret key         comes from HERALD_SECRET_KEY: give every node the same value");
            out.printf("herald: copied %,d rows; start the nodes with HERALD_DATABASE_URL set to that database%n",
                    copied.values().stream().mapToLong(Long::longValue).sum());
            return 0;
        } catch (ConfigException | StoreException e) {
            err.println("herald: migrate-store failed: " + e.getMessage()
                    + (force ? "" : "; after fixing the cause, run it again with --force"));
            return 1;
        }
    }
}
