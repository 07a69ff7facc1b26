package dev.herald.server.attempt;

import dev.herald.server.message.MessageFilter;
import java.time.Instant;
import java.util.Optional;

/**
 * Which attempts a list shows: those of one message or one endpoint (or both), narrowed by Svix's filters. The
 * message filter (event types, channel, tag) applies to the attempted message; the time window to the attempt.
 */
record AttemptFilter(
        Optional<String> msgId,
        Optional<String> endpointId,
        Optional<Integer> status,
        Optional<QueryParams.CodeRange> codes,
        MessageFilter message,
        Optional<Instant> before,
        Optional<Instant> after) {
}
