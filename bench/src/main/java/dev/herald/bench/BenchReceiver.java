package dev.herald.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver every measurement posts to, answering 200 at once. A body of the
 * form {@code {"t":<nanoTime>}} is timed from that moment to its arrival.
 */
final class BenchReceiver implements AutoCloseable {
    private final LoopbackServer server;
    private final long[] latencies;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong lastArrival = new AtomicLong();

    BenchReceiver(int capacity) throws Exception {
        latencies = new long[capacity];
        server = new LoopbackServer(body -> {
            record(body);
            return 200;
        });
    }

    private void record(byte[] body) {
        long now = System.nanoTime();
        int i = count.getAndIncrement();
        lastArrival.accumulateAndGet(now, Math::max);
        long sent = sentAt(body);
        if (i < latencies.length && sent > 0) {
            latencies[i] = now - sent;
        }
    }

    private static long sentAt(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII);
        int at = text.indexOf("\"t\":");
        if (at < 0) {
            return -1;
        }
        int end = at + 4;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(at + 4, end));
    }

    String url() {
        return server.url("/hook");
    }

    int count() {
        return count.get();
    }

    long lastArrivalNanos() {
        return lastArrival.get();
    }

    void reset() {
        count.set(0);
        lastArrival.set(0);
        Arrays.fill(latencies, 0);
    }

    /** Latency percentile in milliseconds over the requests recorded since the last reset. */
    double latencyMs(double percentile) {
        int n = Math.min(count.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        if (n == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(n - 1, Math.ceil(percentile / 100.0 * n) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
