package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {
    private static final Pattern SERIES = Pattern.compile("(?m)^herald_http_requests_seconds_count\\{(.*)} \\S+$");
    private static final Pattern METHOD = Pattern.compile("method=\"([^\"]*)\"");

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
    void randomMethodsAndPathsAddNoMetricsSeries() {
        Random random = new Random(12);
        sendStrangeRequests(random, 400);

        List<String> series = series();

        // bounded by methods x routes x statuses that Herald itself chose, not by the 400 requests
        assertThat(series).hasSizeLessThan(40);
        for (String labels : series) {
            Matcher method = METHOD.matcher(labels);
            assertThat(method.find()).isTrue();
            assertThat(method.group(1)).isIn(Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"));
            assertThat(labels).doesNotContain("secret-").doesNotContain("/in/tok");
        }
    }

    private static void sendStrangeRequests(Random random, int count) {
        List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
        for (int i = 0; i < count; i++) {
            String method = i % 2 == 0 ? randomMethod(random) : methods.get(random.nextInt(methods.size()));
            String path = switch (i % 3) {
                case 0 -> "/in/tok" + random.nextInt(1_000_000) + "/secret-" + random.nextInt(1_000_000);
                case 1 -> "/api/v1/app/secret-" + random.nextInt(1_000_000);
                default -> "/secret-" + random.nextInt(1_000_000);
            };
            anonymous.send(method, path, null);
        }
    }

    private static String randomMethod(Random random) {
        StringBuilder method = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            method.append((char) ('A' + random.nextInt(26)));
        }
        return method.toString();
    }

    private static List<String> series() {
        String metrics = anonymous.get("/metrics").body();
        return SERIES.matcher(metrics).results().map(m -> m.group(1)).toList();
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
