package dev.herald.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DbPoolSizeSettingTest {
    @Test
    void defaultsToSixteenConnections() {
        assertThat(ConfigLoader.load(Map.of(), Map.of(), Optional.empty()).dbPoolSize()).isEqualTo(16);
    }

    @Test
    void takesTheEnvironmentVariableAndTheFlag() {
        assertThat(ConfigLoader.load(Map.of(), Map.of("HERALD_DB_POOL_SIZE", "40"), Optional.empty()).dbPoolSize())
                .isEqualTo(40);
        assertThat(ConfigLoader.load(Map.of(Setting.DB_POOL_SIZE, "4"), Map.of("HERALD_DB_POOL_SIZE", "40"),
                Optional.empty()).dbPoolSize()).isEqualTo(4);
    }

    @Test
    void refusesSizesOutsideOneToAThousand() {
        for (String bad : new String[] {"0", "1001", "many"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("HERALD_DB_POOL_SIZE", bad), Optional.empty()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("HERALD_DB_POOL_SIZE");
        }
    }
}
