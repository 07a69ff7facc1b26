package dev.herald.server.inbound;

import java.util.Locale;

/**
 * Where a caught request stands. A verified request is stored already {@code FORWARDED}; {@code RECEIVED} is left
 * only by an older version that stored requests before judging them, by a node that died in between. Replaying such
 * a request finishes the job.
 */
enum CaptureStatus {
    /** Stored, not yet judged. */
    RECEIVED,
    /** Refused by verification: kept, answered 4xx, never forwarded. */
    FAILED,
    /** Verified and turned into a message of the source's application. */
    FORWARDED,
    /**
     * Verified, but a repeat of a delivery id the source already forwarded: answered 2xx like the first, never
     * forwarded, kept like a refused request (metadata and the start of the body).
     */
    DUPLICATE;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CaptureStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
