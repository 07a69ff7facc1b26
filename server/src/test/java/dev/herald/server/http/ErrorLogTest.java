package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.auth.Authenticator;
import dev.herald.server.core.HttpLimits;
import dev.herald.server.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** An unexpected failure is logged by route template: the path of an ingest URL is its secret. */
@Isolated("it asserts on the JVM-wide log")
class ErrorLogTest {

    @Test
    void unexpectedFailureIsLoggedWithTheRouteTemplateNeverThePath() throws Exception {
        Router router = new Router().add("*", "/in/{token}/{*}", Router.Access.PUBLIC, call -> {
            throw new IllegalStateException("a bug");
        });
        try (HttpServer server = new HttpServer("127.0.0.1", 0, router,
                new Authenticator("unused", Optional.empty(), Clock.systemUTC(), "appsk_", token -> Optional.empty()),
                new IdempotencyFilter(null, Clock.systemUTC(), new KeptReplies(null)), 1024,
                new HttpLimits(Duration.ofSeconds(30), 100, 0),
                new SimpleMeterRegistry(), java.util.List.of());
             LogCapture logs = new LogCapture()) {
            server.start();

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/in/src_secret_token_42/hook?key=also-secret"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("ERROR").contains("route=/in/{token}/{*}").contains("a bug"));
            assertThat(String.join("\n", logs.lines())).doesNotContain("src_secret_token_42").doesNotContain("also-secret");
        }
    }
}
