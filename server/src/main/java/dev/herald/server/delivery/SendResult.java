package dev.herald.server.delivery;

import java.time.Duration;
import java.util.Optional;

/** What one HTTP attempt came to. The sender never throws: every outcome is one of these values. */
public sealed interface SendResult {
    long durationMs();

    /** The endpoint answered 2xx. */
    record Delivered(int statusCode, String body, long durationMs) implements SendResult {
    }

    /** The endpoint answered, but not 2xx; {@code retryAfter} from a 429/503 Retry-After header. */
    record Rejected(int statusCode, String body, long durationMs, Optional<Duration> retryAfter)
            implements SendResult {
    }

    /** No HTTP answer: connection refused, reset, DNS failure, timeout. */
    record NetworkError(String reason, long durationMs, boolean timedOut) implements SendResult {
    }

    /** Herald would not send: the destination is a private address that is not allowed, or the URL is unusable. */
    record Refused(String reason) implements SendResult {
        @Override
        public long durationMs() {
            return 0;
        }
    }

    default int statusCode() {
        return switch (this) {
            case Delivered d -> d.statusCode();
            case Rejected r -> r.statusCode();
            case NetworkError n -> 0;
            case Refused r -> 0;
        };
    }

    /** What the attempt log keeps as the response: the body, or why there was none. */
    default String responseText() {
        return switch (this) {
            case Delivered d -> d.body();
            case Rejected r -> r.body();
            case NetworkError n -> n.reason();
            case Refused r -> r.reason();
        };
    }
}
