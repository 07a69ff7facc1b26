package dev.herald.server.store;

import dev.herald.server.core.Config;

/** Opens the store the configuration names: PostgreSQL when a database URL is set, else the embedded SQLite file. */
public final class Databases {
    private Databases() {
    }

    public static Database open(Config config) {
        if (config.databaseUrl().isPresent()) {
            return new PostgresDatabase(PostgresUrl.parse(config.databaseUrl().get()), config.dbPoolSize());
        }
        return new SqliteDatabase(config.dataDir().resolve("herald.db"));
    }
}
