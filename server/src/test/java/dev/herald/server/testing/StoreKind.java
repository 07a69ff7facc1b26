package dev.herald.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** The two stores every contract test runs against. PostgreSQL tests each get a database of their own. */
public enum StoreKind {
    SQLITE,
    POSTGRESQL;

    /** The server tests use: {@code -Dherald.test.postgres} / HERALD_TEST_POSTGRES_URL, else the local one. */
    static String postgresServer() {
        String configured = System.getProperty("herald.test.postgres");
        if (configured == null || configured.isBlank() || configured.startsWith("${")) {
            configured = System.getenv("HERALD_TEST_POSTGRES_URL");
        }
        return configured == null || configured.isBlank()
                ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : configured;
    }

    /** Creates an empty database on the test server and returns its JDBC URL. */
    public static String createPostgresDatabase() {
        return createPostgresDatabase("");
    }

    /** Creates an empty database with these CREATE DATABASE options (e.g. a locale) and returns its JDBC URL. */
    public static String createPostgresDatabase(String options) {
        String name = "herald_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        String server = postgresServer();
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + (options.isEmpty() ? "" : " " + options));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + server
                    + " (set HERALD_TEST_POSTGRES_URL): " + e.getMessage(), e);
        }
        return server.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    public static void dropPostgresDatabase(String jdbcUrl) {
        String name = jdbcUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = DriverManager.getConnection(postgresServer()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover test database is harmless; the next CI run starts from a fresh cluster database
        }
    }
}
