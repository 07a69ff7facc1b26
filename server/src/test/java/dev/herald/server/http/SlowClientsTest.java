package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.LogCapture;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Clients that announce a body and do not send it, send it too slowly or give up half way: Herald answers without
 * waiting for a body it will not use, refuses the slow ones with 400/408, and logs no error for any of them.
 */
@Isolated("it asserts on the JVM-wide log")
class SlowClientsTest {
    private static final long ONE_MIB = 1024 * 1024;

    static TestHerald server;

    @BeforeAll
    static void start() {
        server = TestHerald.start(StoreKind.SQLITE, Map.of(Setting.HTTP_IDLE_TIMEOUT, "2s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestWithoutTokenIsRefusedWhileItsBodyIsStillUnsent() {
        try (RawConnection client = new RawConnection(server.herald().port())) {
            client.send(RawConnection.request("POST", "/api/v1/app", null, ONE_MIB));

            assertThat(client.status()).isEqualTo(401);
        }
    }

    @Test
    void requestToAnUnknownIngestUrlIsRefusedWhileItsBodyIsStillUnsent() {
        try (RawConnection client = new RawConnection(server.herald().port())) {
            client.send(RawConnection.request("POST", "/in/no-such-token/hook", null, ONE_MIB));

            assertThat(client.status()).isEqualTo(404);
        }
    }

    @Test
    void clientThatStopsHalfWayThroughItsBodyGets400AndNoErrorIsLogged() {
        try (LogCapture logs = new LogCapture(); RawConnection client = new RawConnection(server.herald().port())) {
            client.send(RawConnection.request("POST", "/api/v1/app", TestHerald.ADMIN_TOKEN, 1000))
                    .send("{\"name\": \"half").stopSending();

            assertThat(client.status()).isEqualTo(400);
            assertThat(logs.lines()).noneMatch(line -> line.startsWith("ERROR"));
        }
    }

    @Test
    void clientThatHangsUpHalfWayThroughItsBodyCausesNoErrorAndNo500() throws InterruptedException {
        double answeredBefore = postsToAppsAnswered(400);
        try (LogCapture logs = new LogCapture()) {
            try (RawConnection client = new RawConnection(server.herald().port())) {
                client.send(RawConnection.request("POST", "/api/v1/app", TestHerald.ADMIN_TOKEN, 1000))
                        .send("{\"name\": \"gone");
            }
            for (int i = 0; i < 300 && postsToAppsAnswered(400) == answeredBefore; i++) {
                Thread.sleep(100);
            }

            assertThat(postsToAppsAnswered(400)).isEqualTo(answeredBefore + 1);
            assertThat(postsToAppsAnswered(500)).isZero();
            assertThat(logs.lines()).noneMatch(line -> line.startsWith("ERROR"));
        }
    }

    @Test
    void bodyThatStopsArrivingGets408AfterTheIdleTimeoutAndNoErrorIsLogged() {
        try (LogCapture logs = new LogCapture(); RawConnection client = new RawConnection(server.herald().port())) {
            client.send(RawConnection.request("POST", "/api/v1/app", TestHerald.ADMIN_TOKEN, 1000))
                    .send("{\"name\": \"stalled");

            assertThat(client.status()).isEqualTo(408);
            assertThat(logs.lines()).noneMatch(line -> line.startsWith("ERROR"));
        }
    }

    @Test
    void bodyTrickledSlowerThanTheMinimumRateGets408() {
        try (RawConnection client = new RawConnection(server.herald().port())) {
            client.send(RawConnection.request("POST", "/api/v1/app", TestHerald.ADMIN_TOKEN, 1000));
            // two bytes a second, each well within the idle timeout, far under the 1KiB/s minimum
            Thread trickle = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 900; i++) {
                    client.send(" ");
                    sleepHalfASecond();
                }
            });

            assertThat(client.status()).isEqualTo(408);
            trickle.interrupt();
        }
    }

    /** How many POST /api/v1/app requests the server has answered with this status, from its metrics. */
    private static double postsToAppsAnswered(int status) {
        String series = "herald_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/app\",status=\""
                + status + "\"} ";
        return server.api().get("/metrics").body().lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).sum();
    }

    private static void sleepHalfASecond() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void answerGivenBeforeTheBodyWasReadEndsTheConnection() {
        try (RawConnection client = new RawConnection(server.herald().port())) {
            client.send(RawConnection.request("POST", "/api/v1/app", null, 12) + "{\"name\":\"x\"}");

            assertThat(client.head()).startsWith("http/1.1 401").contains("connection: close");
        }
    }

    @Test
    void requestsJettyRefusesBeforeAnyRouteEndTheConnectionAndSaySo() {
        // Jetty closes the connection after some of these (an encoded NUL); a client must be told, or it sends its
        // next request on a connection that is already gone.
        for (String path : List.of("/api/v1/app//endpoint", "/api/v1/app/%2F/endpoint", "/api/v1/app/a%00b")) {
            try (RawConnection client = new RawConnection(server.herald().port())) {
                client.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

                assertThat(client.head()).as(path).startsWith("http/1.1 400").contains("connection: close")
                        .contains("content-type: application/json");
            }
        }
    }

    @Test
    void answerAfterTheBodyWasReadKeepsTheConnection() {
        try (RawConnection client = new RawConnection(server.herald().port())) {
            client.send(RawConnection.request("POST", "/api/v1/app", TestHerald.ADMIN_TOKEN, 12) + "{\"name\":\"x\"}");

            assertThat(client.head()).startsWith("http/1.1 201").doesNotContain("connection: close");
        }
    }
}
