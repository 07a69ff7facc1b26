package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.Herald;
import dev.herald.server.core.ConfigLoader;
import dev.herald.server.core.Setting;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Fair delivery under a stalled endpoint: a healthy endpoint's ingest-to-delivery latency, paced, without and then
 * with another application's endpoint hanging on a backlog of due messages; the heap with that backlog; and how
 * fast the backlog drains once the endpoint answers again, with the healthy trickle still measured. Prints
 * figures; asserts nothing.
 *
 * <pre>
 * bench/run.sh --fairness [--backlog 25000] [--rate 200] [--messages 3000] [--drain-seconds 30]
 *                         [--database-url postgresql://...]
 * </pre>
 */
public final class FairnessBenchmark {
    private static final String TOKEN = BenchNodes.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FairnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int backlog = 25_000;
        double rate = 200;
        int messages = 3_000;
        int drainSeconds = 30;
        String databaseUrl = System.getenv("HERALD_BENCH_DATABASE_URL");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--backlog" -> backlog = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--drain-seconds" -> drainSeconds = Integer.parseInt(args[i + 1]);
                case "--database-url" -> databaseUrl = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("herald fairness benchmark: backlog=%d healthy=%d msgs at %.0f/s store=%s cores=%d "
                        + "maxHeap=%d MiB%n", backlog, messages, rate, databaseUrl == null ? "sqlite" : "postgresql",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576);
        Path dataDir = Files.createTempDirectory("herald-fairness");
        StallableReceiver stalled = new StallableReceiver();
        try (BenchReceiver healthy = new BenchReceiver(messages * 4 + 10_000);
             LoadClient client = new LoadClient(32)) {
            Herald node = start(dataDir, databaseUrl);
            String base = "http://127.0.0.1:" + node.port();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
            String healthyApp = app(client, base, "healthy", healthy.url(), auth);
            String stalledApp = app(client, base, "stalled", stalled.url(), auth);
            IntFunction<LoadClient.Post> healthyPost = i -> new LoadClient.Post(base + "/api/v1/app/" + healthyApp
                    + "/msg", "{\"eventType\":\"bench.event\",\"payload\":{\"t\":" + System.nanoTime() + "}}", auth);
            IntFunction<LoadClient.Post> stalledPost = i -> new LoadClient.Post(base + "/api/v1/app/" + stalledApp
                    + "/msg", "{\"eventType\":\"bench.event\",\"payload\":{\"n\":" + i + "}}", auth);

            client.run(32, 5_000, 0, healthyPost);
            await(healthy, 5_000);
            healthy.reset();
            paced("healthy endpoint, no backlog", client, healthy, healthyPost, messages, rate);

            long started = System.nanoTime();
            LoadClient.Run accepted = client.run(32, backlog, 0, stalledPost);
            System.out.printf("stalled backlog accepted: %d messages in %.1f s (%d failed)%n", accepted.ok(),
                    (System.nanoTime() - started) / 1e9, accepted.failed());
            paced("healthy endpoint, stalled backlog of " + backlog, client, healthy, healthyPost, messages, rate);
            System.out.printf("stalled endpoint so far: %d requests, %d of its webhook-ids more than once%n",
                    stalled.requests(), stalled.duplicates());
            printScheduler(base);
            printHeap();

            stalled.recover();
            int trickleMessages = messages;
            double trickleRate = rate;
            int before = stalled.answered();
            long drainStart = System.nanoTime();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    paced("healthy endpoint while the backlog drains", client, healthy, healthyPost, trickleMessages,
                            trickleRate);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(drainSeconds * 1000L);
            int drained = stalled.answered() - before;
            System.out.printf("drain once the endpoint answers: %d messages in %d s = %.0f msg/s%n", drained,
                    drainSeconds, drained / ((System.nanoTime() - drainStart) / 1e9));
            trickle.join();
            printScheduler(base);
            node.close();
        } finally {
            stalled.close();
            BenchNodes.deleteRecursively(dataDir);
        }
    }

    private static void paced(String label, LoadClient client, BenchReceiver receiver,
                              IntFunction<LoadClient.Post> post, int messages, double rate) throws Exception {
        receiver.reset();
        client.run(8, messages, rate, post);
        await(receiver, messages);
        System.out.printf("%s: %d msgs at %.0f/s, ingest->delivery p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", label,
                receiver.count(), rate, receiver.latencyMs(50), receiver.latencyMs(99), receiver.latencyMs(100));
    }

    private static void await(BenchReceiver receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (receiver.count() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static Herald start(Path dataDir, String databaseUrl) throws Exception {
        Map<Setting, String> settings = BenchNodes.settings(dataDir, databaseUrl);
        settings.put(Setting.REQUEST_TIMEOUT, "2s");
        settings.put(Setting.RETRY_SCHEDULE, "1h");
        return Herald.start(ConfigLoader.load(settings, Map.of(), Optional.empty()), Clock.systemUTC());
    }

    private static String app(LoadClient client, String base, String name, String url, Map<String, String> auth)
            throws Exception {
        String uid = name + "-" + System.nanoTime();
        client.post(new LoadClient.Post(base + "/api/v1/app", JSON.writeValueAsString(Map.of("name", name, "uid", uid)),
                auth));
        client.post(new LoadClient.Post(base + "/api/v1/app/" + uid + "/endpoint",
                JSON.writeValueAsString(Map.of("url", url)), auth));
        return uid;
    }

    /** The scheduler's gauges as /metrics shows them. */
    private static void printScheduler(String base) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        System.out.println("scheduler: " + metrics.lines()
                .filter(l -> l.startsWith("herald_delivery_due ") || l.startsWith("herald_delivery_held ")
                        || l.startsWith("herald_delivery_oldest_due_seconds ")
                        || l.startsWith("herald_delivery_endpoints_saturated ")
                        || l.startsWith("herald_delivery_lease_renewals_total"))
                .collect(Collectors.joining(", ")));
    }

    private static void printHeap() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("heap used after GC: %.0f MiB (whole JVM: Herald, receivers, load client)%n",
                heap / 1048576.0);
    }

    /** An endpoint that hangs until {@link #recover}, then answers 200 at once; it counts webhook-ids it saw twice. */
    private static final class StallableReceiver implements AutoCloseable {
        private final LoopbackServer server;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicInteger duplicates = new AtomicInteger();
        private volatile boolean stalled = true;

        StallableReceiver() throws Exception {
            server = new LoopbackServer(body -> {
                requests.incrementAndGet();
                if (!seen.add(new String(body, java.nio.charset.StandardCharsets.US_ASCII))) {
                    duplicates.incrementAndGet();
                }
                long until = System.nanoTime() + 5_000_000_000L;
                while (stalled && System.nanoTime() < until) {
                    sleep();
                }
                if (stalled) {
                    return 503; // long after Herald gave up on this attempt
                }
                answered.incrementAndGet();
                return 200;
            });
        }

        private static void sleep() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String url() {
            return server.url("/stalled");
        }

        void recover() {
            stalled = false;
        }

        int requests() {
            return requests.get();
        }

        int answered() {
            return answered.get();
        }

        int duplicates() {
            return duplicates.get();
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
