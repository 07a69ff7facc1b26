package dev.herald.server.attempt;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Something a delivery went to or came from, with where that delivery stands: Svix's EndpointMessageOut (a
 * message an endpoint was sent) and MessageEndpointOut (an endpoint a message was sent to) are the message's or
 * the endpoint's own fields plus {@code status}, {@code statusText} and {@code nextAttempt}.
 */
record Attempted<T>(@JsonUnwrapped T subject, @JsonUnwrapped DeliveryState state) {
}
