package dev.herald.server.store;

import dev.herald.server.testing.StoreKind;
import java.nio.file.Path;

/** A migrated, empty store of either kind for store-level tests; closing it drops a PostgreSQL database. */
public record TestDatabase(Database database, String postgresUrl) implements AutoCloseable {

    public static TestDatabase open(StoreKind kind, Path dir) {
        return switch (kind) {
            case SQLITE -> new TestDatabase(new SqliteDatabase(dir.resolve("herald.db")), null);
            case POSTGRESQL -> onPostgres(StoreKind.createPostgresDatabase());
        };
    }

    /** Opens (and migrates) the given PostgreSQL database, which this test database then owns. */
    public static TestDatabase onPostgres(String jdbcUrl) {
        return new TestDatabase(new PostgresDatabase(PostgresUrl.parse(jdbcUrl), 4), jdbcUrl);
    }

    @Override
    public void close() {
        database.close();
        if (postgresUrl != null) {
            StoreKind.dropPostgresDatabase(postgresUrl);
        }
    }
}
