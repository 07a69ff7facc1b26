package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.HeraldProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {

    @Test
    void sigtermStopsGracefullyWithExitCodeZero(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("herald.log");
        try (HeraldProcess herald = new HeraldProcess(Map.of("HERALD_DATA_DIR", dir.resolve("data").toString()), log)
                .start()) {
            assertThat(herald.api().get("/api/v1/app").status()).isEqualTo(200);

            assertThat(herald.terminate(Duration.ofSeconds(30))).isZero();
        }
        assertThat(Files.readString(log)).contains("Herald stopped.").doesNotContain(
                dev.herald.server.testing.TestHerald.ADMIN_TOKEN);
    }
}
