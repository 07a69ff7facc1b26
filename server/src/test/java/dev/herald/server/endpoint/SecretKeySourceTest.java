package dev.herald.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.core.ConfigLoader;
import dev.herald.server.core.Setting;
import dev.herald.server.store.Database;
import dev.herald.server.store.Databases;
import dev.herald.server.store.StoredSettings;
import dev.herald.server.testing.StoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretKeySourceTest {
    @TempDir
    Path dataDir;

    @Test
    void generatesAnOwnerOnlyKeyFileForTheEmbeddedStoreAndReusesIt() throws IOException {
        Config config = config(null, null);
        try (Database db = Databases.open(config)) {
            StoredSettings settings = new StoredSettings(db);
            String sealed = SecretCipher.open(config, settings).encrypt("whsec_x", "row");

            Path file = dataDir.resolve("secret.key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(SecretCipher.open(config, settings).decrypt(sealed, "row")).isEqualTo("whsec_x");
            assertThat(settings.get("secret_key")).isEmpty();
        }
    }

    @Test
    void prefersTheConfiguredKeyAndWritesNoFile() {
        Config config = config("configured", null);
        try (Database db = Databases.open(config)) {
            String sealed = SecretCipher.open(config, new StoredSettings(db)).encrypt("whsec_x", "row");

            assertThat(new SecretCipher("configured").decrypt(sealed, "row")).isEqualTo("whsec_x");
            assertThat(dataDir.resolve("secret.key")).doesNotExist();
        }
    }

    @Test
    void refusesToStartWithAKeyOtherThanTheOneThatEncryptedTheStore() {
        try (Database db = Databases.open(config("first", null))) {
            StoredSettings settings = new StoredSettings(db);
            SecretCipher.open(config("first", null), settings);

            assertThatThrownBy(() -> SecretCipher.open(config("second", null), settings))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("HERALD_SECRET_KEY")
                    .hasMessageNotContaining("first").hasMessageNotContaining("second");
        }
    }

    @Test
    void sharesAGeneratedKeyThroughPostgresSoEveryNodeUsesIt() {
        String url = StoreKind.createPostgresDatabase();
        try {
            Config config = config(null, url);
            try (Database db = Databases.open(config)) {
                String sealed = SecretCipher.open(config, new StoredSettings(db)).encrypt("whsec_x", "row");
                StoredSettings otherNode = new StoredSettings(db);

                assertThat(SecretCipher.open(config, otherNode).decrypt(sealed, "row")).isEqualTo("whsec_x");
                assertThat(otherNode.get("secret_key")).isPresent();
                assertThat(dataDir.resolve("secret.key")).doesNotExist();
            }
        } finally {
            StoreKind.dropPostgresDatabase(url);
        }
    }

    @Test
    void warnsAtStartWhenPostgresKeepsTheKeyBesideTheSecrets() {
        String url = StoreKind.createPostgresDatabase();
        ListAppender<ILoggingEvent> logged = listen();
        try (Database db = Databases.open(config(null, url))) {
            SecretCipher.open(config(null, url), new StoredSettings(db));

            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("HERALD_SECRET_KEY")
                            .contains("beside what it encrypts"));
        } finally {
            stopListening(logged);
            StoreKind.dropPostgresDatabase(url);
        }
    }

    @Test
    void doesNotWarnWhenPostgresHasAConfiguredKey() {
        String url = StoreKind.createPostgresDatabase();
        ListAppender<ILoggingEvent> logged = listen();
        try (Database db = Databases.open(config("configured", url))) {
            SecretCipher.open(config("configured", url), new StoredSettings(db));

            assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
        } finally {
            stopListening(logged);
            StoreKind.dropPostgresDatabase(url);
        }
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(SecretKeySource.class)).addAppender(appender);
        return appender;
    }

    private static void stopListening(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(SecretKeySource.class)).detachAppender(appender);
    }

    private Config config(String secretKey, String databaseUrl) {
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.DATA_DIR, dataDir.toString());
        settings.put(Setting.ADMIN_TOKEN, "test-admin-token-0123456789");
        Optional.ofNullable(secretKey).ifPresent(key -> settings.put(Setting.SECRET_KEY, key));
        Optional.ofNullable(databaseUrl).ifPresent(url -> settings.put(Setting.DATABASE_URL, url));
        return ConfigLoader.load(settings, Map.of(), Optional.empty());
    }
}
