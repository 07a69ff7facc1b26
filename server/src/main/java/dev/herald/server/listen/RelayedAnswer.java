package dev.herald.server.listen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.delivery.SendResult;
import java.time.Duration;
import java.util.Optional;

/**
 * What a listener reports for one delivery, as it travels back over the WebSocket (or between nodes): the local
 * target's status and body excerpt, or why the target could not be reached. Read into the attempt's
 * {@link SendResult}, so the attempt log records the local answer.
 */
final class RelayedAnswer {
    private RelayedAnswer() {
    }

    static SendResult toResult(JsonNode answer) {
        long ms = answer.path("durationMs").asLong();
        if (answer.hasNonNull("error")) {
            return new SendResult.NetworkError("listener could not reach its target: "
                    + answer.path("error").asText(), ms, false);
        }
        int status = answer.path("status").asInt();
        String body = answer.path("body").asText("");
        if (status >= 200 && status < 300) {
            return new SendResult.Delivered(status, body, ms);
        }
        return new SendResult.Rejected(status, body, ms, retryAfter(answer.path("headers")));
    }

    /** A Retry-After in whole seconds from the target's answer, honoured as for any endpoint's 429 or 503. */
    private static Optional<Duration> retryAfter(JsonNode headers) {
        for (var header : headers.properties()) {
            String value = header.getValue().asText().strip();
            if (header.getKey().equalsIgnoreCase("retry-after") && value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
        }
        return Optional.empty();
    }
}
