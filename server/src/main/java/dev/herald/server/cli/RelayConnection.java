package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket of {@code herald listen} to the server, from connect to close: each {@code delivery} frame is
 * posted to the target on a virtual thread and answered with an {@code answer} frame of the same id.
 */
final class RelayConnection {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration PING_EVERY = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** How a connection ended. */
    enum Outcome { CONNECTED_THEN_CLOSED, REFUSED, ENDPOINT_GONE }

    private final ApiClient api;
    private final TargetPoster target;
    private final ListenCommand.ListenerOutput output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RelayConnection(ApiClient api, TargetPoster target, ListenCommand.ListenerOutput output) {
        this.api = api;
        this.target = target;
        this.output = output;
    }

    static Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** Connects, relays until the socket closes, and says how it ended; an interrupt closes it and is rethrown. */
    Outcome run(String appPath, String endpointId) throws InterruptedException {
        URI uri = URI.create(api.baseUrl().replaceFirst("^http", "ws") + appPath + "/endpoint/" + endpointId
                + "/listen");
        Frames frames = new Frames();
        WebSocket socket;
        try {
            WebSocket.Builder builder = http.newWebSocketBuilder();
            if (api.token() != null && !api.token().isEmpty()) {
                builder.header("Authorization", "Bearer " + api.token());
            }
            socket = builder.buildAsync(uri, frames).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                int status = refused.getResponse().statusCode();
                if (status == 404) {
                    return Outcome.ENDPOINT_GONE;
                }
                if (status == 401 || status == 403 || status == 409) {
                    throw new ApiClient.Failure(status, "the server refused the listener connection (" + status + ")");
                }
            }
            return Outcome.REFUSED;
        } catch (TimeoutException e) {
            return Outcome.REFUSED;
        }
        try {
            while (true) {
                try {
                    frames.closed.get(PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    return Outcome.CONNECTED_THEN_CLOSED;
                } catch (TimeoutException quiet) {
                    frames.send(socket, () -> socket.sendPing(ByteBuffer.allocate(0)));
                } catch (ExecutionException e) {
                    return Outcome.CONNECTED_THEN_CLOSED;
                }
            }
        } catch (InterruptedException e) {
            socket.abort();
            throw e;
        }
    }

    /** Receives frames, hands deliveries to the target, and sends the answers one at a time. */
    private final class Frames implements WebSocket.Listener {
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                Thread.ofVirtual().start(() -> handle(socket, frame));
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(null);
        }

        private void handle(WebSocket socket, String text) {
            JsonNode frame = Json.readTrusted(text);
            if (!"delivery".equals(frame.path("type").asText())) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            frame.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            String time = LocalTime.now().format(TIME);
            TargetPoster.Answer answer;
            try {
                answer = target.post("POST", headers, Base64.getDecoder().decode(frame.path("body").asText()));
            } catch (InterruptedException e) {
                return;
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("type", "answer");
            reply.put("id", frame.path("id").asText());
            reply.put("status", answer.status());
            reply.put("headers", answer.headers());
            reply.put("body", answer.body());
            reply.put("durationMs", answer.durationMs());
            reply.put("error", answer.error());
            send(socket, () -> socket.sendText(Json.writeString(reply), true));
            output.delivered(time, frame.path("eventType").asText(), frame.path("msgId").asText(), answer);
        }

        /** The JDK socket takes one outgoing message at a time. */
        synchronized void send(WebSocket socket, java.util.function.Supplier<CompletableFuture<WebSocket>> message) {
            try {
                message.get().join();
            } catch (RuntimeException closedMeanwhile) {
                closed.complete(null);
            }
        }
    }
}
