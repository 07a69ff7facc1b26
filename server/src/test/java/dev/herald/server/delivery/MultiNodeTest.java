package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.HeraldProcess;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three Herald nodes, each its own OS process, on one PostgreSQL database; the test plays the load balancer and
 * spreads its calls over them. Deliveries, leases, throttling, idempotency and unique ids hold across the nodes,
 * and a node killed with SIGKILL in the middle of deliveries loses nothing that was acknowledged.
 */
@Tag("multi-node")
class MultiNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A dead node's leases lapse after the request timeout + 20 s; the others then need a few polls and sends. */
    private static final Duration TAKEOVER = Duration.ofSeconds(60);
    private static final String EVENT = "{\"eventType\":\"multi.node\",\"payload\":{}}";

    static String database;
    static Path dir;
    static final List<HeraldProcess> nodes = new ArrayList<>();

    @BeforeAll
    static void startThreeNodes() throws Exception {
        database = StoreKind.createPostgresDatabase();
        dir = Files.createTempDirectory("herald-multi-node");
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HeraldProcess>> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, String> env = Map.of("HERALD_DATABASE_URL", database,
                        "HERALD_DATA_DIR", dir.resolve("node" + i).toString(),
                        "HERALD_ALLOW_NETWORKS", "127.0.0.0/8",
                        "HERALD_RETRY_SCHEDULE", "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
                        "HERALD_REQUEST_TIMEOUT", "3s",
                        "HERALD_ENDPOINT_CONCURRENCY", "4",
                        "HERALD_DB_POOL_SIZE", "6");
                HeraldProcess node = new HeraldProcess(env, dir.resolve("node" + i + ".log"));
                nodes.add(node);
                started.add(starting.submit(node::start));
            }
            for (Future<HeraldProcess> node : started) {
                node.get();
            }
        }
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(HeraldProcess::close);
        StoreKind.dropPostgresDatabase(database);
    }

    private static Api node(int i) {
        return nodes.get(i % nodes.size()).api();
    }

    private static String app(String name) {
        return node(0).post("/api/v1/app", Map.of("name", name)).json().get("id").asText();
    }

    private static void endpoint(String app, Map<String, Object> fields) {
        var response = node(1).post("/api/v1/app/" + app + "/endpoint", fields);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static String send(int node, String app, String body) {
        var response = node(node).post("/api/v1/app/" + app + "/msg", body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("id").asText();
    }

    /** Sends {@code count} messages at once, spread over the nodes in turn. */
    private static void sendThroughEveryNode(String app, int count) throws Exception {
        List<Callable<String>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int node = i;
            sends.add(() -> send(node, app, EVENT));
        }
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> sent : clients.invokeAll(sends)) {
                sent.get();
            }
        }
    }

    /** How many requests arrived for each webhook id. */
    private static Map<String, Long> arrivals(Receiver receiver) {
        return receiver.received().stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"),
                Collectors.counting()));
    }

    @Test
    void messagesAcceptedByEveryNodeAreEachDeliveredOnce() {
        try (Receiver receiver = Receiver.start()) {
            String app = app("spread");
            endpoint(app, Map.of("url", receiver.url("/spread")));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sent.add(send(i, app, EVENT));
            }

            assertThat(receiver.awaitWebhookIds(sent, WAIT)).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(arrivals(receiver).values()).containsOnly(1L);
        }
    }

    @Test
    void everyAcknowledgedMessageArrivesAfterANodeIsKilledMidDelivery() throws Exception {
        int victim = 2;
        try (Receiver receiver = Receiver.start()
                .answering(n -> new Receiver.Answer(200, "", Map.of(), Duration.ofSeconds(2)))) {
            String app = app("takeover");
            endpoint(app, Map.of("url", receiver.url("/takeover")));
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                acknowledged.add(send(victim, app, EVENT)); // born leased by the victim, which sends 4 at a time
            }
            for (int i = 0; i < 6; i++) {
                acknowledged.add(send(i % 2, app, EVENT));
            }
            receiver.await(4, WAIT); // the victim's first deliveries are in flight (the receiver answers in 2 s)
            long killedAt = System.nanoTime();
            nodes.get(victim).kill();
            try {
                Set<String> delivered = receiver.awaitWebhookIds(acknowledged, TAKEOVER);

                assertThat(delivered).containsExactlyInAnyOrderElementsOf(acknowledged);
                long duplicates = arrivals(receiver).values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf("multi-node takeover: acknowledged=%d delivered=%d duplicates=%d "
                                + "allDeliveredAfterKill=%ds%n", acknowledged.size(), delivered.size(), duplicates,
                        Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());
            } finally {
                nodes.get(victim).start();
            }
        }
    }

    @Test
    void anEndpointsThrottleRateHoldsForAllNodesTogether() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String app = app("throttled");
            endpoint(app, Map.of("url", receiver.url("/throttled"), "throttleRate", 5));
            sendThroughEveryNode(app, 15);

            List<Receiver.Received> arrivals = receiver.await(15, WAIT);
            // 15 sends at 5 per second span at least 2.8 s whichever nodes make them (each node alone would allow
            // 5 per second, 15 per second for the three); a late first request can only shorten the span a little
            assertThat(Duration.between(arrivals.getFirst().at(), arrivals.getLast().at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2_400));
        }
    }

    @Test
    void anApplicationsThrottleRateHoldsForAllItsEndpointsOnAllNodesTogether() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String app = node(0).post("/api/v1/app", Map.of("name", "throttled app", "throttleRate", 5)).json()
                    .get("id").asText();
            endpoint(app, Map.of("url", receiver.url("/first")));
            endpoint(app, Map.of("url", receiver.url("/second")));
            Instant beforeSending = Instant.now();
            sendThroughEveryNode(app, 8);

            List<Receiver.Received> arrivals = receiver.await(16, WAIT);
            // 16 deliveries (8 messages to 2 endpoints) at 5 per second for the application take 16 slots 200 ms
            // apart, whichever nodes make them and to whichever endpoint; the first slot is no earlier than the
            // first send, and no request leaves before its slot, so the last arrives at least 3 s after the sends
            // began (measured from there, a late request can only lengthen the time, never shorten it)
            assertThat(Duration.between(beforeSending, arrivals.getLast().at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2_950));
        }
    }

    @Test
    void anIdempotencyKeyHoldsAcrossNodes() throws Exception {
        String app = app("idempotent");
        String path = "/api/v1/app/" + app + "/msg";
        var first = node(0).withHeader("idempotency-key", "key-1").post(path, EVENT);
        var again = node(1).withHeader("idempotency-key", "key-1").post(path, EVENT);
        List<String> racing = concurrently(n -> node(n).withHeader("idempotency-key", "key-2").post(path, EVENT)
                .json().get("id").asText());

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(Set.copyOf(racing)).hasSize(1);
        assertThat(node(2).get(path).json().get("data")).hasSize(2);
    }

    @Test
    void anEventIdIsAcceptedOnceAcrossNodes() throws Exception {
        String app = app("event-ids");
        String body = "{\"eventType\":\"multi.node\",\"eventId\":\"evt-once\",\"payload\":{}}";

        List<Integer> statuses = concurrently(n -> node(n).post("/api/v1/app/" + app + "/msg", body).status());

        assertThat(statuses).containsExactlyInAnyOrder(202, 409, 409);
    }

    @Test
    void creatingTheSameNamesOnEveryNodeAtOnceYieldsOneCreatedAndConflicts() throws Exception {
        for (int i = 0; i < 5; i++) {
            String name = "race.type" + i;
            String uid = "race-app-" + i;

            List<Integer> types = concurrently(n -> node(n).post("/api/v1/event-type",
                    Map.of("name", name, "description", "d")).status());
            List<Integer> apps = concurrently(n -> node(n).post("/api/v1/app",
                    Map.of("name", "race", "uid", uid)).status());

            assertThat(types).containsExactlyInAnyOrder(201, 409, 409);
            assertThat(apps).containsExactlyInAnyOrder(201, 409, 409);
        }
    }

    /** Runs the call once against each node, all at the same moment, and returns the results in node order. */
    private static <T> List<T> concurrently(Function<Integer, T> call) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            int node = n;
            calls.add(() -> call.apply(node));
        }
        List<T> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<T> result : clients.invokeAll(calls)) {
                results.add(result.get());
            }
        }
        return results;
    }
}
