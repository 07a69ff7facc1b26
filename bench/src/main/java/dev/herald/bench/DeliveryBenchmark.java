package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.Herald;
import dev.herald.server.core.ConfigLoader;
import dev.herald.server.core.Setting;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * End-to-end delivery benchmark: messages posted to Herald (one or more nodes, in this JVM) and delivered to a
 * local receiver, next to the raw rate of the same HTTP client posting straight to the same receiver, measured in
 * the same run. Prints figures; asserts nothing.
 *
 * <pre>
 * bench/run.sh [--messages N] [--concurrency C] [--rate R] [--nodes K] [--endpoints E] [--database-url postgresql://...]
 *              [--skip-baselines] [--half-load]
 * </pre>
 */
public final class DeliveryBenchmark {
    private static final String TOKEN = BenchNodes.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.printf("herald delivery benchmark: messages=%d concurrency=%d rate=%s nodes=%d endpoints=%d store=%s "
                + "cores=%d%n", o.messages, o.concurrency, o.rate > 0 ? o.rate + "/s" : "max", o.nodes, o.endpoints,
                o.databaseUrl == null ? "sqlite" : "postgresql", Runtime.getRuntime().availableProcessors());
        Path dataDir = Files.createTempDirectory("herald-bench");
        List<Herald> nodes = new ArrayList<>();
        try (BenchReceiver receiver = new BenchReceiver(o.messages * 2); LoadClient client = new LoadClient(o.concurrency);
             LoadClient relayClient = new LoadClient(o.concurrency);
             PassThroughRelay relay = new PassThroughRelay(receiver.url(), relayClient)) {
            nodes.addAll(startNodes(o, dataDir));
            String app = createApp(client, nodes.get(0), receiver.url(), o.endpoints);
            List<String> urls = nodes.stream()
                    .map(n -> "http://127.0.0.1:" + n.port() + "/api/v1/app/" + app + "/msg").toList();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
            IntFunction<LoadClient.Post> raw = i -> timed(receiver.url(), Map.of());
            IntFunction<LoadClient.Post> relayed = i -> timed(relay.url(), Map.of());
            IntFunction<LoadClient.Post> messages = i -> message(urls.get(i % urls.size()), auth);

            // Every warm-up before any measurement: the phases share most of their code (HTTP client and server),
            // and a phase measured before the JIT has finished with that code would look slower than it is.
            if (!o.skipBaselines) {
                client.run(o.concurrency, o.warmup, 0, raw);
                client.run(o.concurrency, o.warmup, 0, relayed);
            }
            client.run(o.concurrency, o.warmup, 0, messages);
            awaitDeliveries(receiver, o.warmup * o.endpoints);
            receiver.reset();

            Baselines baselines = o.skipBaselines ? Baselines.NONE : baselines(o, receiver, client, raw, relayed);
            PostgresCounters counters = o.databaseUrl == null ? null : new PostgresCounters(o.databaseUrl);
            double saturated = measureHerald(o, receiver, client, messages, baselines, o.rate, o.messages, counters);
            if (o.halfLoad && saturated > 0) {
                // the pipeline's own latency: paced at half of what it just sustained
                receiver.reset();
                double rate = saturated / o.endpoints / 2;
                System.out.printf("%nhalf load: %.0f messages/s%n", rate);
                measureHerald(o, receiver, client, messages, baselines, rate, o.messages / 2, counters);
            }
        } finally {
            nodes.forEach(Herald::close);
            BenchNodes.deleteRecursively(dataDir);
        }
    }

    /** The rates of the raw loopback and of the pass-through relay, measured in this run. */
    private record Baselines(double raw, double relay) {
        static final Baselines NONE = new Baselines(Double.NaN, Double.NaN);
    }

    /** The raw loopback rate and the pass-through relay, printed. */
    private static Baselines baselines(Options o, BenchReceiver receiver, LoadClient client,
                                    IntFunction<LoadClient.Post> raw, IntFunction<LoadClient.Post> relayed)
            throws Exception {
        long cpu = cpuNanos();
        LoadClient.Run ceiling = client.run(o.concurrency, o.messages, o.rate, raw);
        System.out.printf("raw loopback POST (same client -> receiver): %.0f req/s, latency p50 %.2f ms p99 %.2f ms, "
                + "CPU %.0f us/req%n", ceiling.perSecond(), receiver.latencyMs(50), receiver.latencyMs(99),
                cpuMicrosEach(cpu, ceiling.ok()));
        receiver.reset();
        cpu = cpuNanos();
        LoadClient.Run hops = client.run(o.concurrency, o.messages, o.rate, relayed);
        System.out.printf("pass-through relay (two hops, nothing stored): %.0f msg/s = %.0f%% of the raw rate, "
                + "latency p50 %.2f ms p99 %.2f ms, CPU %.0f us/msg%n", hops.perSecond(),
                100 * hops.perSecond() / ceiling.perSecond(), receiver.latencyMs(50), receiver.latencyMs(99),
                cpuMicrosEach(cpu, hops.ok()));
        receiver.reset();
        return new Baselines(ceiling.perSecond(), hops.perSecond());
    }

    /**
     * Messages posted to Herald (at {@code rate} per second, 0 = as fast as the client can) and counted as they
     * arrive at the receiver; returns the deliveries per second.
     */
    private static double measureHerald(Options o, BenchReceiver receiver, LoadClient client,
                                        IntFunction<LoadClient.Post> messages, Baselines baselines, double rate,
                                        int count, PostgresCounters counters) throws Exception {
        PostgresCounters.Snapshot before = counters == null ? null : counters.read();
        long start = System.nanoTime();
        long cpuAtStart = cpuNanos();
        LoadClient.Run ingest = client.run(o.concurrency, count, rate, messages);
        System.out.printf("ingest (202 acknowledged, durable): %.0f msg/s (%d failed)%n",
                ingest.perSecond(), ingest.failed());
        if (o.endpoints == 0) {
            return 0;
        }
        awaitDeliveries(receiver, ingest.ok() * o.endpoints);
        double seconds = (receiver.lastArrivalNanos() - start) / 1e9;
        double delivered = receiver.count() / seconds;
        System.out.printf("end-to-end deliveries: %.0f/s = %.0f%% of the raw rate, %.2f of the relay, "
                        + "CPU %.0f us/delivery%n", delivered, 100 * delivered / baselines.raw(),
                delivered / baselines.relay(), cpuMicrosEach(cpuAtStart, receiver.count()));
        if (counters != null) {
            System.out.println(counters.read().perEach(before, ingest.ok()));
        }
        System.out.printf("ingest->delivery latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                receiver.latencyMs(50), receiver.latencyMs(99), receiver.latencyMs(100));
        printMemory();
        return delivered;
    }

    /** CPU time this whole process has used (every thread: client, receiver and Herald), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double cpuMicrosEach(long cpuNanosAtStart, int count) {
        return (cpuNanos() - cpuNanosAtStart) / 1000.0 / Math.max(1, count);
    }

    private static LoadClient.Post timed(String url, Map<String, String> headers) {
        return new LoadClient.Post(url, "{\"t\":" + System.nanoTime() + "}", headers);
    }

    private static LoadClient.Post message(String url, Map<String, String> auth) {
        return new LoadClient.Post(url, "{\"eventType\":\"bench.event\",\"payload\":{\"t\":" + System.nanoTime() + "}}",
                auth);
    }

    private static List<Herald> startNodes(Options o, Path dataDir) throws Exception {
        List<Herald> nodes = new ArrayList<>();
        for (int n = 0; n < o.nodes; n++) {
            Map<Setting, String> settings = BenchNodes.settings(dataDir, o.databaseUrl);
            settings.put(Setting.ENDPOINT_CONCURRENCY, Integer.toString(o.concurrency));
            settings.put(Setting.MAX_ENDPOINTS_PER_APP, Integer.toString(Math.max(1000, o.endpoints)));
            nodes.add(Herald.start(ConfigLoader.load(settings, Map.of(), Optional.empty()), Clock.systemUTC()));
        }
        return nodes;
    }

    private static String createApp(LoadClient client, Herald node, String receiverUrl, int endpoints)
            throws Exception {
        String base = "http://127.0.0.1:" + node.port() + "/api/v1/app";
        Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
        String uid = "bench-" + System.currentTimeMillis();
        client.post(new LoadClient.Post(base, JSON.writeValueAsString(Map.of("name", "bench", "uid", uid)), auth));
        for (int e = 0; e < endpoints; e++) {
            client.post(new LoadClient.Post(base + "/" + uid + "/endpoint",
                    JSON.writeValueAsString(Map.of("url", receiverUrl)), auth));
        }
        return uid;
    }

    private static void awaitDeliveries(BenchReceiver receiver, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (receiver.count() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (receiver.count() < expected) {
            System.out.printf("WARNING: only %d of %d delivered within 10 minutes%n", receiver.count(), expected);
        }
    }

    private static void printMemory() throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM") || l.startsWith("VmRSS")).map(l -> l.replaceAll("\\s+", " "))
                .reduce((a, b) -> a + ", " + b).orElse("n/a");
        System.out.printf("memory: heap used after GC %.0f MiB; %s (whole JVM: receiver, load client and Herald)%n",
                heap / 1048576.0, rss);
    }

    /** Command-line options. */
    private static final class Options {
        int messages = 20_000;
        int warmup = 20_000;
        int concurrency = 32;
        double rate = 0;
        int nodes = 1;
        int endpoints = 1;
        String databaseUrl = System.getenv("HERALD_BENCH_DATABASE_URL");
        boolean skipBaselines;
        boolean halfLoad;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (args[i].equals("--skip-baselines")) { // Herald alone, e.g. under a profiler: no share of raw
                    o.skipBaselines = true;
                    i--;
                    continue;
                }
                if (args[i].equals("--half-load")) { // then a paced run at half the rate just measured
                    o.halfLoad = true;
                    i--;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--messages" -> o.messages = Integer.parseInt(value);
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(value);
                    case "--rate" -> o.rate = Double.parseDouble(value);
                    case "--nodes" -> o.nodes = Integer.parseInt(value);
                    case "--endpoints" -> o.endpoints = Integer.parseInt(value);
                    case "--database-url" -> o.databaseUrl = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (o.nodes > 1 && o.databaseUrl == null) {
                throw new IllegalArgumentException("several nodes need a shared PostgreSQL: pass --database-url");
            }
            return o;
        }
    }
}
