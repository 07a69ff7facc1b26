package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One stalled endpoint never holds up another: a hung endpoint's backlog, larger than what the node holds in
 * memory, does not delay another application's messages, and no task is sent twice while it waits its turn.
 * Nothing here measures time: the trickle must arrive before the hung endpoint has worked through half its backlog.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class FairDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Map<Setting, String> STALLED_NODE = Map.of(
            Setting.REQUEST_TIMEOUT, "2s",
            Setting.RETRY_SCHEDULE, "1h",
            Setting.ENDPOINT_CONCURRENCY, "4",
            Setting.MAX_HELD_TASKS, "50");
    private static final int BACKLOG = 200;

    @Parameter
    StoreKind store;

    @Test
    void aHungEndpointsBacklogDoesNotDelayAnotherApplicationsMessages() throws Exception {
        try (TestHerald server = TestHerald.start(store, STALLED_NODE);
             Receiver hung = Receiver.start().answering(n -> hang());
             Receiver healthy = Receiver.start()) {
            trickleDespiteBacklog(List.of(server.api()), hung, healthy);
        }
    }

    static void trickleDespiteBacklog(List<Api> nodes, Receiver hung, Receiver healthy) throws Exception {
        Api api = nodes.getFirst();
        String stalledApp = app(api, "stalled", hung.url("/hung"));
        try (ExecutorService posting = Executors.newFixedThreadPool(8)) {
            List<Future<Api.Response>> backlog = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                Api node = nodes.get(i % nodes.size());
                backlog.add(posting.submit(() -> node.post("/api/v1/app/" + stalledApp + "/msg", event())));
            }
            for (Future<Api.Response> accepted : backlog) {
                assertThat(accepted.get().status()).isEqualTo(202);
            }
        }
        String healthyApp = app(api, "healthy", healthy.url("/ok"));

        List<String> trickle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api node = nodes.get(i % nodes.size());
            trickle.add(node.post("/api/v1/app/" + healthyApp + "/msg", event()).json().get("id").asText());
            Thread.sleep(100);
        }

        assertThat(healthy.awaitWebhookIds(trickle, WAIT)).containsExactlyInAnyOrderElementsOf(trickle);
        assertThat(hung.received()).as("the hung endpoint's requests when the trickle had all arrived")
                .hasSizeLessThan(BACKLOG / 2);
        List<String> hungIds = hung.received().stream().map(r -> r.header("webhook-id")).toList();
        assertThat(new HashSet<>(hungIds)).as("a hung endpoint's message is sent once within its retry delay")
                .hasSize(hungIds.size());
    }

    @Test
    void endpointsSharingAHostDoNotShareAConnectionQueue() throws Exception {
        // One host: /slow never answers (each attempt ends at the 3 s timeout), /tenant/* answer after 1 s. With
        // connections limited per host, the tenants would wait for the slow endpoint's connections and time out.
        try (TestHerald server = TestHerald.start(store, Map.of(Setting.REQUEST_TIMEOUT, "3s",
                Setting.RETRY_SCHEDULE, "1h", Setting.ENDPOINT_CONCURRENCY, "4"));
             Receiver host = Receiver.start()) {
            host.answering(n -> host.received().get(n).path().startsWith("/slow") ? hang()
                    : new Receiver.Answer(200, "", Map.of(), Duration.ofSeconds(1)));
            Api api = server.api();
            String slowApp = app(api, "slow tenant", host.url("/slow"));
            String sharedApp = api.post("/api/v1/app", Map.of("name", "other tenants")).json().get("id").asText();
            for (int i = 0; i < 19; i++) {
                api.post("/api/v1/app/" + sharedApp + "/endpoint", Map.of("url", host.url("/tenant/" + i)));
            }
            for (int i = 0; i < 12; i++) {
                api.post("/api/v1/app/" + slowApp + "/msg", event());
            }
            host.await(4, r -> r.path().startsWith("/slow"), WAIT);

            String msg = api.post("/api/v1/app/" + sharedApp + "/msg", event()).json().get("id").asText();

            JsonNode attempts = awaitAttempts(api, sharedApp, msg, 19);
            assertThat(StreamSupport.stream(attempts.spliterator(), false).map(a -> a.get("responseStatusCode").asInt()))
                    .as("attempts to endpoints sharing the slow endpoint's host").hasSize(19).containsOnly(200);
        }
    }

    private static JsonNode awaitAttempts(Api api, String app, String msg, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode data = api.get("/api/v1/app/" + app + "/attempt/msg/" + msg + "?limit=250").json().get("data");
        while (data.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            data = api.get("/api/v1/app/" + app + "/attempt/msg/" + msg + "?limit=250").json().get("data");
        }
        return data;
    }

    static Receiver.Answer hang() {
        return new Receiver.Answer(200, "", Map.of(), Duration.ofSeconds(60));
    }

    static String app(Api api, String name, String endpointUrl) {
        String app = api.post("/api/v1/app", Map.of("name", name)).json().get("id").asText();
        assertThat(api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", endpointUrl)).status()).isEqualTo(201);
        return app;
    }

    static String event() {
        return "{\"eventType\":\"fair.test\",\"payload\":{\"n\":1}}";
    }
}
