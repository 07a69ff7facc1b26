package dev.herald.webhooks.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Accepts a provider's Unix timestamp (in seconds, or milliseconds) only within the tolerance of now, either way, to
 * stop replays.
 */
record TimestampWindow(Duration tolerance) {

    TimestampWindow {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
        }
    }

    Verification check(String header, String value, Instant now) {
        return check(header, value, now, false);
    }

    /** The same for a timestamp in Unix milliseconds. */
    Verification checkMillis(String header, String value, Instant now) {
        return check(header, value, now, true);
    }

    private Verification check(String header, String value, Instant now, boolean millis) {
        long at;
        try {
            at = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Verification.rejected(header + " is not a Unix timestamp");
        }
        long current = millis ? now.toEpochMilli() : now.getEpochSecond();
        long slack = millis ? tolerance.toMillis() : tolerance.toSeconds();
        if (at < current - slack || at > current + slack) {
            return Verification.rejected(header + " is more than " + tolerance + " away from now");
        }
        return Verification.verified();
    }
}
