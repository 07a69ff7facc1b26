package dev.herald.server.store;

import dev.herald.server.core.Config;
import java.nio.file.Path;

/** Opens the store the configuration names: PostgreSQL when a database URL is set, else the embedded SQLite file. */
public final class Databases {
    private Databases() {
    }

    public static Database open(Config config) {
        if (config.databaseUrl().isPresent()) {
            return openPostgres(config.databaseUrl().get(), config.dbPoolSize());
        }
        return openEmbedded(config.dataDir());
    }

    /** The embedded store in this data directory, created (and in any case migrated) when opened. */
    public static Database openEmbedded(Path dataDir) {
        return new SqliteDatabase(embeddedFile(dataDir));
    }

    /** The file that holds the embedded store of a data directory. */
    public static Path embeddedFile(Path dataDir) {
        return dataDir.resolve("herald.db");
    }

    /** PostgreSQL at {@code url} ({@code postgresql://...} or {@code jdbc:postgresql:...}), migrated when opened. */
    public static Database openPostgres(String url, int poolSize) {
        return new PostgresDatabase(PostgresUrl.parse(url), poolSize);
    }
}
