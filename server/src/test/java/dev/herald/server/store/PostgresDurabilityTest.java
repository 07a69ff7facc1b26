package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.StoreKind;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a write commits without waiting for the disk and returns only after a flush that waits as the
 * server is configured: the pool's sessions run with {@code synchronous_commit = off}, and every write is followed
 * by a flush. (How waiting writes share flushes is {@link PostgresGroupFlushTest}'s.)
 */
class PostgresDurabilityTest {
    static String url;
    static TestDatabase db;

    @BeforeAll
    static void open() {
        url = StoreKind.createPostgresDatabase();
        db = TestDatabase.onPostgres(url);
    }

    @AfterAll
    static void close() {
        db.close(); // drops the database
    }

    private static long flushes() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) { // a session of the server's own defaults
            return Sql.count(c, "SELECT COALESCE(SUM(flushes), 0) FROM wal_flush");
        }
    }

    @Test
    void writesCommitAsynchronouslyAndEachIsFollowedByAFlush() throws Exception {
        long before = flushes();

        String inWrite = db.database().write(c -> Sql.one(c, "SHOW synchronous_commit", rs -> rs.getString(1))
                .orElseThrow());

        assertThat(inWrite).isEqualTo("off");
        assertThat(flushes()).isEqualTo(before + 1);
    }

    @Test
    void pooledSessionsPlanEveryExecutionSoThatAPlanMadeOnASmallTableIsNotKept() {
        String inRead = db.database().read(c -> Sql.one(c, "SHOW plan_cache_mode", rs -> rs.getString(1))
                .orElseThrow());

        assertThat(inRead).isEqualTo("force_custom_plan");
    }
}
