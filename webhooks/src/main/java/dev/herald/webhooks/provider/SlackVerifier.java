package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import java.time.Duration;
import java.time.Instant;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 over "v0:<timestamp>:<body>">} keyed with the signing secret,
 * and {@code X-Slack-Request-Timestamp: <unix>}, rejected when further than the tolerance (default 5 minutes) from
 * now, as Slack advises against replays.
 */
public final class SlackVerifier implements ProviderVerifier {

    /** The tolerance Slack recommends. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

    private final V0Signature signature;

    public SlackVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    public SlackVerifier(String secret, Duration tolerance) {
        this.signature = new V0Signature(SIGNATURE_HEADER, TIMESTAMP_HEADER, SharedSecret.utf8(secret,
                "Slack signing"), new TimestampWindow(tolerance));
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        return signature.verify(headers, body, now);
    }
}
