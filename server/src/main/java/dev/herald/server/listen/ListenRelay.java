package dev.herald.server.listen;

import dev.herald.server.core.Json;
import dev.herald.server.delivery.DeliveryPorts;
import dev.herald.server.delivery.SendResult;
import dev.herald.server.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to listener endpoints ({@link ListenerUrl}) through the WebSockets {@code herald listen} holds open.
 * A delivery taken by the node that holds a listener of the endpoint goes straight down its socket; one taken by
 * another node is posted to the holding node's relay route ({@code listener.node_url}), which sends it down the
 * socket and answers with the listener's answer. With no listener anywhere, the attempt fails like an unreachable
 * URL and is retried on the normal schedule. Also renews this node's listener rows and deletes the endpoints of
 * sessions that are over.
 */
public final class ListenRelay implements DeliveryPorts.Relay, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ListenRelay.class);
    /** How often a node renews its listeners' rows; a row not renewed for three times as long is a dead node's. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration FRESH = HEARTBEAT.multipliedBy(3);
    /** How long a session endpoint outlives its last listener (the CLI may be reconnecting after a restart). */
    static final Duration SESSION_GRACE = Duration.ofMinutes(10);

    private final Listeners listeners;
    private final Clock clock;
    private final Duration timeout;
    private final Supplier<String> nodeUrl;
    private final BiPredicate<String, String> deleteEndpoint;
    private final Map<String, List<ListenerSocket>> local = new ConcurrentHashMap<>();
    private final HttpClient nodes = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService upkeep = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("herald-listen-upkeep").daemon(true).factory());

    /**
     * @param timeout how long a listener has to answer one delivery (the request timeout)
     * @param nodeUrl this node's address as other nodes reach it
     * @param deleteEndpoint deletes an endpoint by (application id, endpoint id), for sessions that are over
     */
    public ListenRelay(Database db, Clock clock, Duration timeout, Supplier<String> nodeUrl,
                       BiPredicate<String, String> deleteEndpoint) {
        this.listeners = new Listeners(db);
        this.clock = clock;
        this.timeout = timeout;
        this.nodeUrl = nodeUrl;
        this.deleteEndpoint = deleteEndpoint;
        upkeep.scheduleWithFixedDelay(this::upkeep, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean relays(String url) {
        return ListenerUrl.isListener(url);
    }

    @Override
    public SendResult send(String endpointId, String msgId, Map<String, String> headers, byte[] body) {
        String eventType = listeners.eventType(msgId).orElse("");
        Optional<ListenerSocket> here = localListener(endpointId);
        if (here.isPresent()) {
            return here.get().deliver(msgId, eventType, headers, body, timeout);
        }
        Optional<Listeners.Remote> there = listeners.connectedTo(endpointId, clock.instant().minus(FRESH));
        if (there.isPresent()) {
            return forward(there.get(), msgId, eventType, headers, body);
        }
        return new SendResult.NetworkError("no herald listen session is connected for this endpoint", 0, false);
    }

    /** Delivers a request another node relayed to a listener held here; empty when it is not held here. */
    Optional<SendResult> deliverRelayed(String listenerId, String msgId, String eventType,
                                        Map<String, String> headers, byte[] body) {
        return local.values().stream().flatMap(List::stream).filter(s -> s.id().equals(listenerId)).findFirst()
                .map(socket -> socket.deliver(msgId, eventType, headers, body, timeout));
    }

    Optional<String> relayToken(String listenerId) {
        return listeners.relayToken(listenerId);
    }

    void opened(ListenerSocket socket, String relayToken) {
        local.computeIfAbsent(socket.endpointId(), id -> new CopyOnWriteArrayList<>()).add(socket);
        listeners.connected(socket.id(), socket.endpointId(), nodeUrl.get(), relayToken, clock.instant());
        log.info("listener connected listener={} endpoint={}", socket.id(), socket.endpointId());
    }

    void closed(ListenerSocket socket) {
        List<ListenerSocket> sockets = local.get(socket.endpointId());
        if (sockets != null && sockets.remove(socket)) {
            listeners.disconnected(socket.id(), clock.instant());
            log.info("listener disconnected listener={} endpoint={}", socket.id(), socket.endpointId());
        }
    }

    /** One of the endpoint's listeners on this node, taking turns when there are several. */
    private Optional<ListenerSocket> localListener(String endpointId) {
        List<ListenerSocket> sockets = local.getOrDefault(endpointId, List.of());
        if (sockets.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(sockets.get(Math.floorMod(System.nanoTime(), sockets.size())));
        } catch (IndexOutOfBoundsException closedMeanwhile) {
            return Optional.empty();
        }
    }

    private SendResult forward(Listeners.Remote remote, String msgId, String eventType, Map<String, String> headers,
                               byte[] body) {
        long started = System.nanoTime();
        Map<String, Object> relayed = new LinkedHashMap<>();
        relayed.put("msgId", msgId);
        relayed.put("eventType", eventType);
        relayed.put("headers", headers);
        relayed.put("body", Base64.getEncoder().encodeToString(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(remote.nodeUrl() + "/api/v1/listen/relay/"
                        + remote.id()))
                .timeout(timeout.plusSeconds(5))
                .header("authorization", "Bearer " + remote.relayToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(relayed)))
                .build();
        try {
            HttpResponse<String> answer = nodes.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new SendResult.NetworkError("the node holding the listener answered "
                        + answer.statusCode(), elapsedMs(started), false);
            }
            return RelayedAnswer.toResult(Json.MAPPER.readTree(answer.body()));
        } catch (IOException e) {
            return new SendResult.NetworkError("cannot reach the node holding the listener: " + e.getMessage(),
                    elapsedMs(started), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.NetworkError("interrupted", elapsedMs(started), false);
        }
    }

    private void upkeep() {
        try {
            Instant now = clock.instant();
            listeners.seen(local.values().stream().flatMap(List::stream).map(ListenerSocket::id).toList(), now);
            for (Listeners.Expired expired : listeners.expiredSessions(now.minus(SESSION_GRACE))) {
                if (deleteEndpoint.test(expired.appId(), expired.endpointId())) {
                    log.info("deleted the endpoint of a finished listen session endpoint={}", expired.endpointId());
                }
            }
            listeners.forget(now.minus(SESSION_GRACE));
        } catch (RuntimeException e) {
            log.warn("listener upkeep failed", e);
        }
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() {
        upkeep.shutdownNow();
    }
}
