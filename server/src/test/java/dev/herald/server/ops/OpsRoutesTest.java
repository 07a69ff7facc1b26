package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {
    static TestHerald server;
    static Api anonymous;

    @BeforeAll
    static void start() {
        server = TestHerald.start(StoreKind.SQLITE);
        anonymous = server.api().withToken(null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAnswers204WithOrWithoutTrailingSlashAndWithoutToken() {
        assertThat(anonymous.get("/api/v1/health").status()).isEqualTo(204);
        assertThat(anonymous.get("/api/v1/health/").status()).isEqualTo(204);
        assertThat(anonymous.get("/api/v1/health/ping").status()).isEqualTo(204);
    }

    @Test
    void metricsArePrometheusText() {
        server.api().get("/api/v1/app");
        var metrics = anonymous.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("content-type")).startsWith("text/plain");
        assertThat(metrics.body()).contains("herald_http_requests_seconds_count").contains("route=\"/api/v1/app\"");
    }

    @Test
    void servesItsOwnAdditionsAsOpenApi() {
        var doc = anonymous.get("/api/v1/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("openapi").asText()).startsWith("3.");
        assertThat(doc.json().get("paths").has("/api/v1/openapi.json")).isTrue();
    }

    @Test
    void unknownRoutesAreJson404() {
        var missing = server.api().get("/api/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("not_found");
    }
}
