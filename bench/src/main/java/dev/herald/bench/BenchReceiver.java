package dev.herald.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The webhook receiver both measurements post to: Jetty on virtual threads, answering 200 at once. A body of the
 * form {@code {"t":<nanoTime>}} is timed from that moment to its arrival.
 */
final class BenchReceiver implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final long[] latencies;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong lastArrival = new AtomicLong();

    BenchReceiver(int capacity) throws Exception {
        latencies = new long[capacity];
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readAllBytes();
                }
                record(body);
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        server.start();
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
        return "http://127.0.0.1:" + connector.getLocalPort() + "/hook";
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
        server.stop();
    }
}
