package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import dev.herald.webhooks.WebhookSecret;
import dev.herald.webhooks.WebhookVerifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@code herald listen} against a real server that refuses every loopback destination, so the local receiver can
 * only be reached through the listener's relay.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ListenCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern SECRET = Pattern.compile("Signing secret: (whsec_\\S+)");
    private static final Pattern ENDPOINT = Pattern.compile("through endpoint (ep_\\S+)");

    @Parameter
    StoreKind store;

    private static Map<Setting, String> settings(int port) {
        return Map.of(Setting.ALLOW_NETWORKS, "", Setting.PORT, Integer.toString(port),
                Setting.RETRY_SCHEDULE, "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Cli.Running listen(TestHerald server, String target, String app) {
        return Cli.start("listen", target, "--app", app, "--server", server.baseUrl(),
                "--token", TestHerald.ADMIN_TOKEN);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }

    private static List<String> send(Api api, String app, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "order.paid",
                    "payload", Map.of("n", i, "note", "héllo ✓"))).json().path("id").asText());
        }
        return ids;
    }

    @Test
    void relaysEveryMessageSignedWithThePrintedSecretAndLogsTheLocalAnswer() throws Exception {
        try (TestHerald server = TestHerald.start(store, settings(0));
             Receiver local = Receiver.start().answering(n -> new Receiver.Answer(201, "local ok", Map.of(),
                     Duration.ZERO))) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "Shop")).json().path("id").asText();
            try (Cli.Running listen = listen(server, local.url("/hooks"), app)) {
                String banner = listen.awaitOut(out -> out.contains("TIME"), WAIT);
                WebhookVerifier verifier = new WebhookVerifier(WebhookSecret.parse(group(SECRET, banner)));
                String endpoint = group(ENDPOINT, banner);

                List<String> ids = send(api, app, 3);

                assertThat(local.awaitWebhookIds(ids, WAIT)).containsExactlyInAnyOrderElementsOf(ids);
                for (Receiver.Received request : local.received()) {
                    verifier.verify(request.headers(), request.body());
                    assertThat(request.path()).isEqualTo("/hooks");
                    assertThat(request.bodyText()).contains("héllo ✓");
                }
                String out = listen.awaitOut(o -> ids.stream().allMatch(id -> o.lines()
                        .anyMatch(l -> l.contains(id) && l.contains("order.paid") && l.contains("201"))), WAIT);
                assertThat(out).doesNotContain("Exception");
                for (String id : ids) {
                    JsonNode attempts = awaitAttempts(api, app, id);
                    assertThat(attempts).anySatisfy(a -> {
                        assertThat(a.path("responseStatusCode").asInt()).isEqualTo(201);
                        assertThat(a.path("response").asText()).isEqualTo("local ok");
                        assertThat(a.path("endpointId").asText()).isEqualTo(endpoint);
                    });
                }

                assertThat(listen.stop()).isZero();
                assertThat(api.get("/api/v1/app/" + app + "/endpoint/" + endpoint).status()).isEqualTo(404);
            }
        }
    }

    @Test
    void relaysALargePayloadAndALargeMultiByteAnswer() throws Exception {
        String bigAnswer = "ü✓".repeat(15_000);
        try (TestHerald server = TestHerald.start(store, settings(0));
             Receiver local = Receiver.start().answering(n -> new Receiver.Answer(200, bigAnswer, Map.of(),
                     Duration.ZERO))) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "Shop")).json().path("id").asText();
            try (Cli.Running listen = listen(server, local.url("/hooks"), app)) {
                listen.awaitOut(out -> out.contains("TIME"), WAIT);
                String text = "x".repeat(1_000_000);

                String id = api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "big",
                        "payload", Map.of("text", text))).json().path("id").asText();

                assertThat(local.awaitWebhookIds(List.of(id), WAIT)).containsExactly(id);
                assertThat(local.received().getFirst().bodyText()).contains(text);
                JsonNode attempt = awaitAttempts(api, app, id).get(0);
                assertThat(attempt.path("responseStatusCode").asInt()).isEqualTo(200);
                assertThat(attempt.path("response").asText()).startsWith("ü✓ü✓");
            }
        }
    }

    @Test
    void severalListenersEachReceiveEveryMessage() throws Exception {
        try (TestHerald server = TestHerald.start(store, settings(0));
             Receiver first = Receiver.start(); Receiver second = Receiver.start()) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "Shop")).json().path("id").asText();
            try (Cli.Running one = listen(server, first.url("/one"), app);
                 Cli.Running two = listen(server, second.url("/two"), app)) {
                String firstSecret = group(SECRET, one.awaitOut(out -> out.contains("TIME"), WAIT));
                String secondSecret = group(SECRET, two.awaitOut(out -> out.contains("TIME"), WAIT));

                List<String> ids = send(api, app, 3);

                assertThat(first.awaitWebhookIds(ids, WAIT)).hasSize(3);
                assertThat(second.awaitWebhookIds(ids, WAIT)).hasSize(3);
                assertThat(firstSecret).isNotEqualTo(secondSecret);
                WebhookVerifier verifier = new WebhookVerifier(WebhookSecret.parse(secondSecret));
                second.received().forEach(request -> verifier.verify(request.headers(), request.body()));
            }
        }
    }

    @Test
    void reconnectsAfterTheServerRestartsAndLosesNothingAcknowledged() throws Exception {
        try (TestHerald server = TestHerald.start(store, settings(freePort()));
             Receiver local = Receiver.start()) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "Shop")).json().path("id").asText();
            try (Cli.Running listen = listen(server, local.url("/hooks"), app)) {
                String secret = group(SECRET, listen.awaitOut(out -> out.contains("TIME"), WAIT));
                List<String> before = send(api, app, 3);
                assertThat(local.awaitWebhookIds(before, WAIT)).hasSize(3);

                server.stop();
                server.startServer(Clock.systemUTC());
                List<String> after = send(server.api(), app, 3);

                assertThat(local.awaitWebhookIds(after, WAIT)).containsExactlyInAnyOrderElementsOf(after);
                assertThat(listen.out()).contains("reconnecting").containsOnlyOnce("Signing secret");
                WebhookVerifier verifier = new WebhookVerifier(WebhookSecret.parse(secret));
                local.received().forEach(request -> verifier.verify(request.headers(), request.body()));
            }
        }
    }

    @Test
    void deliveriesWithNoListenerFailLikeAnUnreachableUrlAndAreRetried() throws Exception {
        try (TestHerald server = TestHerald.start(store, settings(0)); Receiver local = Receiver.start()) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "Shop")).json().path("id").asText();
            String endpoint = api.post("/api/v1/app/" + app + "/endpoint",
                    Map.of("url", "http://listen.herald.invalid/kept")).json().path("id").asText();
            String early = send(api, app, 1).getFirst();
            JsonNode failed = awaitAttempts(api, app, early);
            assertThat(failed.get(0).path("response").asText()).contains("no herald listen session");

            try (Cli.Running listen = Cli.start("listen", local.url("/"), "--app", app, "--endpoint", endpoint,
                    "--server", server.baseUrl(), "--token", TestHerald.ADMIN_TOKEN)) {
                assertThat(local.awaitWebhookIds(List.of(early), WAIT)).containsExactly(early);
                assertThat(listen.stop()).isZero();
            }
            assertThat(api.get("/api/v1/app/" + app + "/endpoint/" + endpoint).status())
                    .as("an endpoint attached to is kept").isEqualTo(200);
        }
    }

    @Test
    void aDeliveryTakenByAnotherNodeReachesTheListener() throws Exception {
        if (store != StoreKind.POSTGRESQL) {
            return; // several nodes share PostgreSQL only
        }
        try (TestHerald holding = TestHerald.start(store, settings(0));
             TestHerald other = TestHerald.startOnPostgres(holding.postgresUrl().orElseThrow(), settings(0));
             Receiver local = Receiver.start()) {
            String app = holding.api().post("/api/v1/app", Map.of("name", "Shop")).json().path("id").asText();
            try (Cli.Running listen = listen(holding, local.url("/hooks"), app)) {
                listen.awaitOut(out -> out.contains("TIME"), WAIT);

                List<String> ids = send(other.api(), app, 5);

                assertThat(local.awaitWebhookIds(ids, WAIT)).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(holding.api().get("/metrics").body()).as("the other node relayed through the holding one")
                        .containsPattern("herald_http_requests_seconds_count\\{[^}]*route=\"/api/v1/listen/relay/");
            }
            holding.stop(); // before the other node drops the shared database
        }
    }

    @Test
    void sendsEachRequestASourceCapturesToTheTargetByteForByte() throws Exception {
        try (TestHerald server = TestHerald.start(store, settings(0)); Receiver local = Receiver.start()) {
            JsonNode source = server.api().post("/ingest/api/v1/source",
                    Map.of("name", "anything", "type", "generic-webhook")).json();
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) (255 - i);
            }
            try (Cli.Running listen = Cli.start("listen", local.url("/captured"), "--source",
                    source.path("id").asText(), "--interval", "50ms", "--server", server.baseUrl(),
                    "--token", TestHerald.ADMIN_TOKEN)) {
                listen.awaitOut(out -> out.contains("TIME"), WAIT);

                HttpResponse<String> ingested = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(source.path("ingestUrl").asText()))
                        .header("Content-Type", "application/octet-stream; x=1")
                        .header("X-Provider-Event", "blob.created")
                        .method("PUT", HttpRequest.BodyPublishers.ofByteArray(binary)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ingested.statusCode()).isEqualTo(200);

                Receiver.Received sent = local.await(1, WAIT).getFirst();
                assertThat(sent.method()).isEqualTo("PUT");
                assertThat(sent.body()).isEqualTo(binary);
                assertThat(sent.header("Content-Type")).isEqualTo("application/octet-stream; x=1");
                assertThat(sent.header("X-Provider-Event")).isEqualTo("blob.created");
                assertThat(listen.awaitOut(out -> out.contains("PUT"), WAIT)).contains("200");
                assertThat(listen.stop()).isZero();
            }
        }
    }

    @Test
    void theServerDeletesASessionEndpointOnceNoListenerWasSeenForTenMinutes() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestHerald server = TestHerald.start(store, settings(0), clock); Receiver local = Receiver.start()) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "Shop")).json().path("id").asText();
            String abandoned = api.post("/api/v1/app/" + app + "/endpoint",
                    Map.of("url", "http://listen.herald.invalid/session/killed-cli")).json().path("id").asText();
            String kept = api.post("/api/v1/app/" + app + "/endpoint",
                    Map.of("url", "http://listen.herald.invalid/kept")).json().path("id").asText();
            try (Cli.Running listen = listen(server, local.url("/hooks"), app)) {
                String live = group(ENDPOINT, listen.awaitOut(out -> out.contains("TIME"), WAIT));
                awaitListenerConnected(api, app, local, clock);

                clock.advance(Duration.ofMinutes(11));

                long deadline = System.nanoTime() + WAIT.toNanos();
                while (api.get("/api/v1/app/" + app + "/endpoint/" + abandoned).status() != 404) {
                    assertThat(System.nanoTime()).as("the abandoned session endpoint is deleted").isLessThan(deadline);
                    Thread.sleep(100);
                }
                assertThat(api.get("/api/v1/app/" + app + "/endpoint/" + kept).status()).isEqualTo(200);
                assertThat(api.get("/api/v1/app/" + app + "/endpoint/" + live).status())
                        .as("a session with a listener connected goes on").isEqualTo(200);
            }
        }
    }

    @Test
    void sendsEachOfManyConcurrentCapturesExactlyOnce() throws Exception {
        try (TestHerald server = TestHerald.start(store, settings(0)); Receiver local = Receiver.start()) {
            JsonNode source = server.api().post("/ingest/api/v1/source",
                    Map.of("name", "busy", "type", "generic-webhook")).json();
            try (Cli.Running listen = Cli.start("listen", local.url("/captured"), "--source",
                    source.path("id").asText(), "--interval", "20ms", "--server", server.baseUrl(),
                    "--token", TestHerald.ADMIN_TOKEN);
                 var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                listen.awaitOut(out -> out.contains("TIME"), WAIT);
                HttpClient http = HttpClient.newHttpClient();
                List<java.util.concurrent.Future<Integer>> posted = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    String body = "{\"n\":" + i + "}";
                    posted.add(senders.submit(() -> http.send(HttpRequest.newBuilder(
                                    URI.create(source.path("ingestUrl").asText()))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode()));
                }
                for (var answer : posted) {
                    assertThat(answer.get()).isEqualTo(200);
                }

                local.await(30, WAIT);
                List<String> bodies = local.settle(Duration.ofMillis(500)).stream()
                        .map(Receiver.Received::bodyText).toList();
                assertThat(bodies).hasSize(30).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void theRelayRouteBetweenNodesRefusesApiTokens() throws Exception {
        try (TestHerald server = TestHerald.start(store, settings(0))) {
            Api.Response withAdminToken = server.api().post("/api/v1/listen/relay/lsn_unknown",
                    Map.of("msgId", "msg_1", "headers", Map.of(), "body", ""));

            assertThat(withAdminToken.status()).isEqualTo(401);
            assertThat(withAdminToken.json().path("code").asText()).isEqualTo("authentication_failed");
        }
    }

    /** A message reached the receiver through the listener, so its socket is registered. */
    private static void awaitListenerConnected(Api api, String app, Receiver local) {
        String id = send(api, app, 1).getFirst();
        assertThat(local.awaitWebhookIds(List.of(id), WAIT)).containsExactly(id);
    }

    /**
     * The same on a server whose clock the test holds still: listen prints its header before its connection is
     * open, so the first attempt may find no listener, and its retry (1 s later) comes due only as the clock moves.
     */
    private static void awaitListenerConnected(Api api, String app, Receiver local, MutableClock clock) {
        String id = send(api, app, 1).getFirst();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (local.awaitWebhookIds(List.of(id), Duration.ofMillis(500)).isEmpty()) {
            assertThat(System.nanoTime()).as("the listener receives a delivery").isLessThan(deadline);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private static JsonNode awaitAttempts(Api api, String app, String msgId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode data = api.get("/api/v1/app/" + app + "/attempt/msg/" + msgId).json().path("data");
            if (!data.isEmpty() || System.nanoTime() > deadline) {
                return data;
            }
            Thread.sleep(50);
        }
    }
}
