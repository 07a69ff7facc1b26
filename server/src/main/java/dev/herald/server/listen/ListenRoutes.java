package dev.herald.server.listen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.app.Application;
import dev.herald.server.app.Applications;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.core.Json;
import dev.herald.server.delivery.SendResult;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.endpoint.Endpoints;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.http.SocketRoute;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The routes of {@code herald listen}: the WebSocket a CLI opens on a listener endpoint
 * ({@code /api/v1/app/{app_id}/endpoint/{endpoint_id}/listen}), and the route through which another node hands a
 * delivery to a listener held here ({@code POST /api/v1/listen/relay/{listener_id}}, authenticated by the
 * listener's relay token rather than an API token).
 */
public final class ListenRoutes implements RouteGroup {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Applications applications;
    private final Endpoints endpoints;
    private final Ids ids;
    private final ListenRelay relay;

    public ListenRoutes(Applications applications, Endpoints endpoints, Ids ids, ListenRelay relay) {
        this.applications = applications;
        this.endpoints = endpoints;
        this.ids = ids;
        this.relay = relay;
    }

    /** The listener WebSocket. */
    public SocketRoute socket() {
        return new SocketRoute(Pattern.compile("/api/v1/app/([^/]+)/endpoint/([^/]+)/listen/?"), (who, groups) -> {
            Application app = applications.require(who, groups.get(0));
            Endpoint endpoint = endpoints.require(who, app, groups.get(1));
            if (!ListenerUrl.isListener(endpoint.url())) {
                throw ApiException.conflict("endpoint " + endpoint.id() + " is not a listener endpoint: its URL "
                        + "must be on " + ListenerUrl.HOST);
            }
            byte[] token = new byte[24];
            RANDOM.nextBytes(token);
            return new ListenerSocket(ids.next("lsn"), endpoint.id(), HexFormat.of().formatHex(token), relay);
        });
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/api/v1/listen/relay/{listener_id}", Router.Access.PUBLIC, this::relayed);
    }

    private Reply relayed(Call call) {
        String listenerId = call.param("listener_id");
        String presented = call.header("Authorization").map(h -> h.replaceFirst("(?i)^Bearer ", "")).orElse("");
        boolean allowed = relay.relayToken(listenerId).map(token -> MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))).orElse(false);
        if (!allowed) {
            throw ApiException.unauthorized("not a relay token of this listener");
        }
        JsonNode request = Json.readTrusted(new String(call.body(), StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        request.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        SendResult result = relay.deliverRelayed(listenerId, request.path("msgId").asText(),
                        request.path("eventType").asText(), headers,
                        Base64.getDecoder().decode(request.path("body").asText()))
                .orElseThrow(() -> ApiException.notFound("listener on this node"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("durationMs", result.durationMs());
        switch (result) {
            case SendResult.Delivered d -> answer.put("status", d.statusCode());
            case SendResult.Rejected r -> answer.put("status", r.statusCode());
            case SendResult.NetworkError n -> answer.put("error", n.reason());
            case SendResult.Refused r -> answer.put("error", r.reason());
        }
        answer.put("body", result.responseText());
        return Reply.ok(answer);
    }
}
