package dev.herald.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @Test
    void defaultsMatchTheOperatorContract() {
        Config c = ConfigLoader.load(Map.of(), Map.of(), Optional.empty());
        assertThat(c.port()).isEqualTo(8071);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.retrySchedule()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));
        assertThat(c.allowNetworks()).isEmpty();
        assertThat(c.databaseUrl()).isEmpty();
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void flagsOverrideEnvironmentWhichOverridesFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("herald.conf");
        Files.writeString(file, "port = 9000\nbind = 127.0.0.1\nretry-schedule = 1s\n");
        Config c = ConfigLoader.load(Map.of(Setting.PORT, "9002"),
                Map.of("HERALD_PORT", "9001", "HERALD_BIND", "::1"), Optional.of(file));
        assertThat(c.port()).isEqualTo(9002);
        assertThat(c.bind()).isEqualTo("::1");
        assertThat(c.retrySchedule()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void badValuesNameTheSettingAndWhatItAccepts() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("HERALD_PORT", "99999"), Optional.empty()))
                .hasMessageContaining("HERALD_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.RETRY_SCHEDULE, "5s,soon"), Map.of(), Optional.empty()))
                .hasMessageContaining("HERALD_RETRY_SCHEDULE").hasMessageContaining("duration");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.ALLOW_NETWORKS, "10.0.0.0/99"), Map.of(), Optional.empty()))
                .hasMessageContaining("HERALD_ALLOW_NETWORKS");
    }

    @Test
    void maxBodyAboveOneGibibyteIsRefusedNamingTheSetting() {
        assertThat(ConfigLoader.load(Map.of(Setting.MAX_BODY, "1GiB"), Map.of(), Optional.empty()).maxBodyBytes())
                .isEqualTo(1L << 30);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.MAX_BODY, "2GiB"), Map.of(), Optional.empty()))
                .hasMessageContaining("HERALD_MAX_BODY").hasMessageContaining("1GiB");
    }

    @Test
    void unknownKeysInTheFileAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("herald.conf");
        Files.writeString(file, "prot = 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(file)))
                .hasMessageContaining("unknown setting 'prot'");
    }

    @Test
    void configPrintsNoSecrets() {
        Config c = ConfigLoader.load(Map.of(Setting.ADMIN_TOKEN, "sekret-token", Setting.SECRET_KEY, "sekret-key",
                Setting.METRICS_TOKEN, "sekret-metrics"),
                Map.of(), Optional.empty());
        assertThat(c.toString()).doesNotContain("sekret");
    }
}
