package dev.herald.bench;

import dev.herald.server.core.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/** What every benchmark's Herald node shares: loopback, a known token, deliveries to loopback allowed. */
final class BenchNodes {
    static final String TOKEN = "bench-admin-token";

    private BenchNodes() {
    }

    /** Settings for a node on this data directory, or on PostgreSQL when {@code databaseUrl} is set. */
    static Map<Setting, String> settings(Path dataDir, String databaseUrl) {
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.PORT, "0");
        settings.put(Setting.BIND, "127.0.0.1");
        settings.put(Setting.DATA_DIR, dataDir.toString());
        settings.put(Setting.ADMIN_TOKEN, TOKEN);
        settings.put(Setting.SECRET_KEY, "bench-secret-key");
        settings.put(Setting.ALLOW_NETWORKS, "127.0.0.0/8");
        settings.put(Setting.LOG_FORMAT, "text");
        if (databaseUrl != null) {
            settings.put(Setting.DATABASE_URL, databaseUrl);
        }
        return settings;
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
