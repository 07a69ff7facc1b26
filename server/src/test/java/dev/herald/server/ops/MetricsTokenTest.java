package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With HERALD_METRICS_TOKEN set, /metrics answers only that token (OpsRoutesTest: open when unset). */
class MetricsTokenTest {

    @Test
    void metricsNeedTheMetricsTokenWhenOneIsSet() {
        try (TestHerald server = TestHerald.start(StoreKind.SQLITE, Map.of(Setting.METRICS_TOKEN, "scrape-me"))) {
            var anonymous = server.api().withToken(null).get("/metrics");
            var admin = server.api().get("/metrics");
            var scraper = server.api().withToken("scrape-me").get("/metrics");

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.json().get("code").asText()).isEqualTo("authentication_failed");
            assertThat(admin.status()).isEqualTo(401);
            assertThat(scraper.status()).isEqualTo(200);
            assertThat(scraper.body()).contains("herald_http_requests_seconds_count");
        }
    }
}
