package dev.herald.server.listen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import dev.herald.server.delivery.SendResult;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One {@code herald listen} WebSocket held by this node. A delivery goes out as a {@code delivery} frame; the
 * CLI posts it to its target and answers with an {@code answer} frame of the same id, which completes the wait.
 */
public final class ListenerSocket extends Session.Listener.AbstractAutoDemanding {
    private final String id;
    private final String endpointId;
    private final String relayToken;
    private final ListenRelay relay;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    ListenerSocket(String id, String endpointId, String relayToken, ListenRelay relay) {
        this.id = id;
        this.endpointId = endpointId;
        this.relayToken = relayToken;
        this.relay = relay;
    }

    String id() {
        return id;
    }

    String endpointId() {
        return endpointId;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        relay.opened(this, relayToken);
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("type", "ready");
        ready.put("listenerId", id);
        ready.put("endpointId", endpointId);
        session.sendText(Json.writeString(ready), Callback.NOOP);
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return; // not ours to answer; the CLI only sends answers
        }
        if ("answer".equals(frame.path("type").asText())) {
            CompletableFuture<JsonNode> waiting = pending.remove(frame.path("id").asText());
            if (waiting != null) {
                waiting.complete(frame);
            }
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed();
    }

    private void closed() {
        relay.closed(this);
        pending.values().forEach(waiting -> waiting.complete(null));
        pending.clear();
    }

    /** Sends one signed delivery and waits up to {@code timeout} for the listener's answer. */
    SendResult deliver(String msgId, String eventType, Map<String, String> headers, byte[] body, Duration timeout) {
        long started = System.nanoTime();
        String deliveryId = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(deliveryId, answer);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "delivery");
        frame.put("id", deliveryId);
        frame.put("msgId", msgId);
        frame.put("eventType", eventType);
        frame.put("headers", headers);
        frame.put("body", Base64.getEncoder().encodeToString(body));
        Session session = getSession();
        if (session == null || !session.isOpen()) {
            pending.remove(deliveryId);
            return new SendResult.NetworkError("listener disconnected", elapsedMs(started), false);
        }
        session.sendText(Json.writeString(frame), Callback.from(() -> { }, failure -> answer.complete(null)));
        try {
            JsonNode got = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return got == null ? new SendResult.NetworkError("listener disconnected", elapsedMs(started), false)
                    : RelayedAnswer.toResult(got);
        } catch (TimeoutException e) {
            return new SendResult.NetworkError("listener did not answer within " + timeout.toMillis() + " ms",
                    elapsedMs(started), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.NetworkError("interrupted", elapsedMs(started), false);
        } catch (ExecutionException e) {
            return new SendResult.NetworkError("listener failed", elapsedMs(started), false);
        } finally {
            pending.remove(deliveryId);
        }
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
