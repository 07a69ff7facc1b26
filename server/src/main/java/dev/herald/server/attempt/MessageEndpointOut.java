package dev.herald.server.attempt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.herald.server.delivery.MessageStatus;
import dev.herald.server.endpoint.Endpoint;
import java.time.Instant;

/** Svix MessageEndpointOut: an endpoint a message was sent to, with where its delivery there stands. */
record MessageEndpointOut(@JsonUnwrapped Endpoint endpoint, MessageStatus status, Instant nextAttempt) {

    static MessageEndpointOut of(Endpoint endpoint, DeliveryState state) {
        return new MessageEndpointOut(endpoint, state.status(), state.nextAttempt());
    }

    @JsonProperty("statusText")
    String statusText() {
        return status.text();
    }
}
