package dev.herald.server.attempt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.herald.server.delivery.MessageStatus;
import dev.herald.server.message.MessageOut;
import java.time.Instant;

/** Svix EndpointMessageOut: a message an endpoint was sent, with where its delivery there stands. */
record EndpointMessageOut(@JsonUnwrapped MessageOut message, MessageStatus status, Instant nextAttempt) {

    static EndpointMessageOut of(MessageOut message, DeliveryState state) {
        return new EndpointMessageOut(message, state.status(), state.nextAttempt());
    }

    @JsonProperty("statusText")
    String statusText() {
        return status.text();
    }
}
