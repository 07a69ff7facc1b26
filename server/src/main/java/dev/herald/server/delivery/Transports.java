package dev.herald.server.delivery;

import java.time.Clock;

/**
 * Chooses how one delivery travels: over HTTP through the {@link HttpSender}, or through the {@link
 * DeliveryPorts.Relay} to a {@code herald listen} session when the endpoint's URL is a listener's. Either way the
 * request is signed the same and the outcome is a {@link SendResult}.
 */
final class Transports {
    private final HttpSender http;
    private final DeliveryPorts.Relay relay;
    private final Clock clock;

    Transports(HttpSender http, DeliveryPorts.Relay relay, Clock clock) {
        this.http = http;
        this.relay = relay;
        this.clock = clock;
    }

    SendResult send(WebhookRequest request, String endpointId) {
        if (!relay.relays(request.url())) {
            return http.send(request);
        }
        return relay.send(endpointId, request.msgId(), SignedHeaders.of(request, clock.instant().getEpochSecond()),
                request.body());
    }
}
