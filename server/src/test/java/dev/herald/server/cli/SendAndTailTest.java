package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code herald send} creates messages through the API; {@code herald tail} prints the attempts that follow. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SendAndTailTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameter
    TestHerald server;

    @TempDir
    Path dir;

    private String[] withServer(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--server";
        all[args.length + 1] = server.baseUrl();
        all[args.length + 2] = "--token";
        all[args.length + 3] = TestHerald.ADMIN_TOKEN;
        return all;
    }

    private String app(Api api, String uid) {
        return api.post("/api/v1/app", Map.of("name", uid, "uid", uid)).json().get("id").asText();
    }

    private String endpoint(Api api, String app, String url) {
        return api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", url)).json().get("id").asText();
    }

    @Test
    void sendPrintsTheIdOfTheMessageItCreated() {
        Api api = server.api();
        app(api, "shop-send");

        Cli.Run run = Cli.run(withServer("send", "--app", "shop-send", "--event-type", "order.paid",
                "--data", "{\"amount\": 4200}", "--channels", "eu,vip"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = run.out().strip();
        assertThat(id).startsWith("msg_");
        JsonNode message = api.get("/api/v1/app/shop-send/msg/" + id).json();
        assertThat(message.path("eventType").asText()).isEqualTo("order.paid");
        assertThat(message.path("payload").path("amount").asInt()).isEqualTo(4200);
        assertThat(message.path("channels")).extracting(JsonNode::asText).containsExactlyInAnyOrder("eu", "vip");
    }

    @Test
    void sendReadsThePayloadFromAFileAndPrintsJsonForScripts() throws Exception {
        app(server.api(), "shop-file");
        Path file = Files.writeString(dir.resolve("order.json"), "{\"note\": \"héllo ✓\"}");

        Cli.Run run = Cli.run(withServer("send", "--app", "shop-file", "--event-type", "order.paid",
                "--data-file", file.toString(), "--json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode created = Json.MAPPER.readTree(run.out());
        assertThat(created.path("id").asText()).startsWith("msg_");
        assertThat(created.path("payload").path("note").asText()).isEqualTo("héllo ✓");
    }

    @Test
    void sendExitsWithTwoForAPayloadThatIsNotAJsonObject() {
        Cli.Run run = Cli.run(withServer("send", "--app", "any", "--event-type", "t", "--data", "[1, 2"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not JSON");
    }

    @Test
    void sendExitsWithOneAndTheServersReasonWhenTheApiRefuses() {
        Cli.Run unknownApp = Cli.run(withServer("send", "--app", "no-such-app", "--event-type", "t", "--data", "{}"));
        Cli.Run badToken = Cli.run("send", "--app", "x", "--event-type", "t", "--data", "{}",
                "--server", server.baseUrl(), "--token", "wrong");

        assertThat(unknownApp.exitCode()).isEqualTo(1);
        assertThat(unknownApp.err()).contains("404").contains("not_found");
        assertThat(badToken.exitCode()).isEqualTo(1);
        assertThat(badToken.err()).contains("401");
    }

    @Test
    void tailPrintsEachAttemptMadeAfterItStartedOldestFirst() throws Exception {
        Api api = server.api();
        String app = app(api, "shop-tail");
        try (Receiver up = Receiver.start();
             Receiver down = Receiver.start().answering(n -> Receiver.Answer.status(500))) {
            String upEndpoint = endpoint(api, app, up.url("/up"));
            Cli.run(withServer("send", "--app", app, "--event-type", "before.start", "--data", "{}"));
            awaitAttempt(api, app, upEndpoint);
            String downEndpoint = endpoint(api, app, down.url("/down"));

            try (Cli.Running tail = Cli.start(withServer("tail", "--app", app, "--interval", "100ms"))) {
                tail.awaitOut(out -> out.startsWith("TIME"), WAIT);
                String first = Cli.run(withServer("send", "--app", app, "--event-type", "order.paid",
                        "--data", "{}")).out().strip();
                String second = Cli.run(withServer("send", "--app", app, "--event-type", "order.shipped",
                        "--data", "{}")).out().strip();

                String out = tail.awaitOut(o -> o.lines().count() >= 5, WAIT);
                List<String> lines = out.lines().skip(1).toList();
                assertThat(out).doesNotContain("before.start");
                assertThat(lines).anySatisfy(l -> assertThat(l).contains("200", "success", "order.paid", first,
                        upEndpoint));
                assertThat(lines).anySatisfy(l -> assertThat(l).contains("500", "fail", "order.shipped", second,
                        downEndpoint));
                assertThat(tail.stop()).isZero();
            }
        }
    }

    private static void awaitAttempt(Api api, String app, String endpoint) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (api.get("/api/v1/app/" + app + "/attempt/endpoint/" + endpoint).json().path("data").isEmpty()) {
            assertThat(System.nanoTime()).as("an attempt is recorded in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void tailPrintsEachOfManyConcurrentAttemptsExactlyOnce() throws Exception {
        Api api = server.api();
        String app = app(api, "shop-tail-many");
        try (Receiver up = Receiver.start()) {
            endpoint(api, app, up.url("/up"));
            Cli.Running tail = Cli.start(withServer("tail", "--app", app, "--interval", "50ms", "--count", "40",
                    "--json"));
            Thread.sleep(200); // the tail's start is its "from now on"
            List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "bulk", "payload",
                        Map.of("n", i))).json().path("id").asText());
            }

            assertThat(tail.awaitExit(WAIT)).isZero();
            List<String> printed = tail.out().lines().map(Json::readTrusted).map(a -> a.path("msgId").asText())
                    .toList();
            assertThat(printed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void tailOfOneEndpointPrintsJsonAndStopsAfterCount() throws Exception {
        Api api = server.api();
        String app = app(api, "shop-tail-one");
        try (Receiver up = Receiver.start(); Receiver other = Receiver.start()) {
            String upEndpoint = endpoint(api, app, up.url("/up"));
            endpoint(api, app, other.url("/other"));
            Cli.Running tail = Cli.start(withServer("tail", "--app", app, "--endpoint", upEndpoint,
                    "--interval", "100ms", "--count", "2", "--json"));
            String first = Cli.run(withServer("send", "--app", app, "--event-type", "a", "--data", "{}")).out().strip();
            String second = Cli.run(withServer("send", "--app", app, "--event-type", "b", "--data", "{}")).out().strip();

            assertThat(tail.awaitExit(WAIT)).isZero();
            List<JsonNode> attempts = tail.out().lines().map(Json::readTrusted).toList();
            assertThat(attempts).extracting(a -> a.path("endpointId").asText()).containsOnly(upEndpoint);
            assertThat(attempts).extracting(a -> a.path("msgId").asText()).containsExactlyInAnyOrder(first, second);
        }
    }
}
