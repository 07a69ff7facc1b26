package dev.herald.server.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses the timestamps clients send, leniently: SDKs differ on seconds, fractions and offsets. */
public final class Times {
    private Times() {
    }

    /** RFC 3339 with optional seconds and fraction ({@code 2024-01-01T10:15Z}, {@code ...T10:15:00.000Z}). */
    public static Instant parse(String text, String where, String field) {
        try {
            return OffsetDateTime.parse(text.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException again) {
                throw ValidationException.of(where, field, "'" + text + "' is not an RFC 3339 timestamp");
            }
        }
    }
}
