package dev.herald.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned schema files {@code db/<dialect>/V1.sql, V2.sql, ...} that {@code schema_version} does not
 * list yet, in ascending order, each in its own transaction. A number may be missing (numbers are reserved by
 * features developed side by side, whose files do not depend on one another), so a later file never waits for an
 * earlier one. On PostgreSQL an advisory lock keeps nodes that start together from migrating twice.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final long ADVISORY_LOCK = 0x6865_7261_6c64L; // "herald"
    /** The highest version number looked for; raise it before it is reached. */
    private static final int MAX_VERSION = 999;

    private Migrations() {
    }

    static void apply(Connection c, Dialect dialect) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK + ")");
            }
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
        }
        try {
            Set<Integer> applied = new HashSet<>(Sql.list(c, "SELECT version FROM schema_version",
                    rs -> rs.getInt(1)));
            for (int version = 1; version <= MAX_VERSION; version++) {
                String script = applied.contains(version) ? null : load(dialect, version);
                if (script != null) {
                    applyOne(c, version, script);
                    log.info("applied schema migration version={} dialect={}", version, dialect.migrationFolder());
                }
            }
        } finally {
            if (dialect == Dialect.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK + ")");
                }
            }
            c.setAutoCommit(autoCommit);
        }
    }

    private static void applyOne(Connection c, int version, String script) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : script.split(";\\s*(\\n|$)")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            Sql.update(c, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", version,
                    System.currentTimeMillis());
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration V" + version + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String load(Dialect dialect, int version) {
        String name = "db/" + dialect.migrationFolder() + "/V" + version + ".sql";
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(line -> !line.trim().startsWith("--"))
                    .reduce(new StringBuilder(), (sb, line) -> sb.append(line).append('\n'), StringBuilder::append)
                    .toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
