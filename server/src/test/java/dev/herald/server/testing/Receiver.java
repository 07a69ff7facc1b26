package dev.herald.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A real webhook receiver on a loopback port for delivery tests: records every request and answers what the test
 * scripts (by default 200).
 */
public final class Receiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body, Instant at) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** What to answer: status, body, extra headers, and how long to wait first. */
    public record Answer(int status, String body, Map<String, String> headers, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, "", Map.of(), Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile IntFunction<Answer> script = n -> Answer.status(200);

    private Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static Receiver start() {
        return new Receiver();
    }

    /** Answers the n-th request (0-based) with {@code script.apply(n)}. */
    public Receiver answering(IntFunction<Answer> newScript) {
        this.script = newScript;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Waits (polling, bounded) until at least {@code count} requests matching {@code filter} arrived. */
    public List<Received> await(int count, Predicate<Received> filter, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> matching = received(filter);
            if (matching.size() >= count) {
                return matching;
            }
            sleep(20);
        }
        throw new AssertionError("expected " + count + " requests within " + limit + ", got "
                + received(filter).size() + " (of " + received.size() + " in all)");
    }

    /** Waits (bounded) until a request with each of these webhook-ids arrived; returns the ids that did. */
    public java.util.Set<String> awaitWebhookIds(java.util.Collection<String> ids, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (System.nanoTime() < deadline) {
            seen.clear();
            received.forEach(r -> seen.add(r.header("webhook-id")));
            if (seen.containsAll(ids)) {
                break;
            }
            sleep(50);
        }
        seen.retainAll(ids);
        return seen;
    }

    public List<Received> await(int count, Duration limit) {
        return await(count, r -> true, limit);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int n;
        synchronized (received) {
            n = received.size();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
        }
        Answer answer = script.apply(n);
        if (!answer.delay().isZero()) {
            sleep(answer.delay().toMillis());
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Nothing arrived in a quiet period: for asserting that something was NOT delivered. */
    public List<Received> settle(Duration quiet) {
        sleep(quiet.toMillis());
        return new ArrayList<>(received);
    }
}
