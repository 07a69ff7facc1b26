package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
    @TempDir
    Path dir;

    private Connection open(int capacity) throws SQLException {
        Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db"));
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER)");
        }
        return StatementCache.wrap(raw, capacity);
    }

    @Test
    void aClosedStatementIsHandedOutAgainWithItsParametersCleared() throws SQLException {
        try (Connection c = open(8)) {
            PreparedStatement first = c.prepareStatement("INSERT INTO t (n) VALUES (?)");
            first.setInt(1, 1);
            first.executeUpdate();
            first.close();
            assertThat(first.isClosed()).isTrue();

            PreparedStatement again = c.prepareStatement("INSERT INTO t (n) VALUES (?)");
            assertThat(again).isSameAs(first);
            assertThat(again.isClosed()).isFalse();
            again.setInt(1, 2);
            again.executeUpdate();
            again.close();
            assertThat(Sql.list(c, "SELECT n FROM t ORDER BY n", rs -> rs.getInt(1))).containsExactly(1, 2);
        }
    }

    @Test
    void theSameSqlUsedInsideItsOwnUseGetsAStatementOfItsOwn() throws SQLException {
        try (Connection c = open(8)) {
            Sql.update(c, "INSERT INTO t (n) VALUES (1), (2)");
            String sql = "SELECT n FROM t WHERE n >= ? ORDER BY n";
            int pairs = 0;
            try (PreparedStatement outer = c.prepareStatement(sql)) {
                outer.setInt(1, 1);
                try (ResultSet rows = outer.executeQuery()) {
                    while (rows.next()) {
                        pairs += Sql.list(c, sql, rs -> rs.getInt(1), rows.getInt(1)).size();
                    }
                }
            }
            assertThat(pairs).isEqualTo(2 + 1);
        }
    }

    @Test
    void moreDistinctSqlThanItHoldsStillWorks() throws SQLException {
        try (Connection c = open(2)) {
            for (int round = 0; round < 3; round++) {
                for (int n = 0; n < 5; n++) {
                    assertThat(Sql.count(c, "SELECT " + n)).isEqualTo(n);
                }
            }
        }
    }
}
