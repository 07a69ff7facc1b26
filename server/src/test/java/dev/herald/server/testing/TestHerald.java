package dev.herald.server.testing;

import dev.herald.server.Herald;
import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigLoader;
import dev.herald.server.core.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real Herald server for a test: random port, fresh SQLite directory or fresh PostgreSQL database, a known
 * admin token, loopback deliveries allowed. Close it to stop the server and remove the store.
 */
public final class TestHerald implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final StoreKind store;
    private final Path dataDir;
    private final String postgresUrl;
    private final Map<Setting, String> settings;
    private final boolean ownsDatabase;
    private Herald herald;

    private TestHerald(StoreKind store, String postgresUrl, Map<Setting, String> overrides, boolean ownsDatabase) {
        this.store = store;
        this.ownsDatabase = ownsDatabase;
        try {
            this.dataDir = Files.createTempDirectory("herald-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.postgresUrl = postgresUrl;
        this.settings = new EnumMap<>(Setting.class);
        settings.put(Setting.PORT, "0");
        settings.put(Setting.BIND, "127.0.0.1");
        settings.put(Setting.DATA_DIR, dataDir.toString());
        settings.put(Setting.ADMIN_TOKEN, ADMIN_TOKEN);
        settings.put(Setting.ALLOW_NETWORKS, "127.0.0.0/8,::1/128");
        settings.put(Setting.SECRET_KEY, "test-secret-key");
        settings.put(Setting.JWT_SECRET, "test-jwt-secret");
        if (postgresUrl != null) {
            settings.put(Setting.DATABASE_URL, postgresUrl);
        }
        settings.putAll(overrides);
    }

    public static TestHerald start(StoreKind store) {
        return start(store, Map.of());
    }

    public static TestHerald start(StoreKind store, Map<Setting, String> overrides) {
        return start(store, overrides, Clock.systemUTC());
    }

    public static TestHerald start(StoreKind store, Map<Setting, String> overrides, Clock clock) {
        String postgresUrl = store == StoreKind.POSTGRESQL ? StoreKind.createPostgresDatabase() : null;
        TestHerald test = new TestHerald(store, postgresUrl, overrides, true);
        test.startServer(clock);
        return test;
    }

    /** A server on an existing database from {@link StoreKind#createPostgresDatabase()}, which it drops on close. */
    public static TestHerald startOnPostgres(String jdbcUrl, Map<Setting, String> overrides) {
        TestHerald test = new TestHerald(StoreKind.POSTGRESQL, jdbcUrl, overrides, true);
        test.startServer(Clock.systemUTC());
        return test;
    }

    /** Another node on a database that a {@link #startOnPostgres} server owns: closing this one leaves it. */
    public static TestHerald joinPostgres(String jdbcUrl, Map<Setting, String> overrides) {
        TestHerald test = new TestHerald(StoreKind.POSTGRESQL, jdbcUrl, overrides, false);
        test.startServer(Clock.systemUTC());
        return test;
    }

    /** Starts the server (again) on the same store, e.g. after {@link #stop()}. */
    public void startServer(Clock clock) {
        Config config = ConfigLoader.load(settings, Map.of(), Optional.empty());
        try {
            herald = Herald.start(config, clock);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    /** Changes a setting for the next {@link #startServer} (e.g. a new secret key after a rotation). */
    public void set(Setting setting, String value) {
        settings.put(setting, value);
    }

    public void stop() {
        if (herald != null) {
            herald.close();
            herald = null;
        }
    }

    public StoreKind store() {
        return store;
    }

    public Herald herald() {
        return herald;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + herald.port();
    }

    public Api api() {
        return new Api(baseUrl(), ADMIN_TOKEN);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Optional<String> postgresUrl() {
        return Optional.ofNullable(postgresUrl);
    }

    /** The JDBC URL of this server's store, for tests that look at (or alter) stored rows directly. */
    public String jdbcUrl() {
        return postgresUrl().orElse("jdbc:sqlite:" + dataDir.resolve("herald.db"));
    }

    @Override
    public void close() {
        stop();
        if (postgresUrl != null && ownsDatabase) {
            StoreKind.dropPostgresDatabase(postgresUrl);
        }
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; the OS cleans up what is left
        }
    }

    /** Names the store, so each round of a contract test says which one it ran against. */
    @Override
    public String toString() {
        return store.name().toLowerCase(java.util.Locale.ROOT);
    }
}
