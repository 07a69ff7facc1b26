package dev.herald.webhooks.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Accepts a provider's Unix-seconds timestamp only within the tolerance of now, either way, to stop replays. */
record TimestampWindow(Duration tolerance) {

    TimestampWindow {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
        }
    }

    Verification check(String header, String value, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Verification.rejected(header + " is not a Unix timestamp");
        }
        long earliest = now.getEpochSecond() - tolerance.toSeconds();
        long latest = now.getEpochSecond() + tolerance.toSeconds();
        if (seconds < earliest || seconds > latest) {
            return Verification.rejected(header + " is more than " + tolerance + " away from now");
        }
        return Verification.verified();
    }
}
