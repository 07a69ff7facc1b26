package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
    private static final String VERSION = "v0";

    private final byte[] key;
    private final TimestampWindow window;

    public SlackVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    public SlackVerifier(String secret, Duration tolerance) {
        this.key = SharedSecret.utf8(secret, "Slack signing");
        this.window = new TimestampWindow(tolerance);
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        Optional<String> timestamp = headers.first(TIMESTAMP_HEADER).map(String::strip);
        Optional<String> signature = headers.first(SIGNATURE_HEADER).map(String::strip);
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return Verification.rejected("missing " + (timestamp.isEmpty() ? TIMESTAMP_HEADER : SIGNATURE_HEADER)
                    + " header");
        }
        Verification fresh = window.check(TIMESTAMP_HEADER, timestamp.get(), now);
        if (fresh instanceof Verification.Rejected) {
            return fresh;
        }
        if (!signature.get().startsWith(VERSION + "=")) {
            return Verification.rejected(SIGNATURE_HEADER + " is not a " + VERSION + "= signature");
        }
        String signed = VERSION + ":" + timestamp.get() + ":";
        byte[] expected = Hmac.sha256(key, signed.getBytes(StandardCharsets.UTF_8), body);
        return SignatureEncoding.HEX.matches(expected, signature.get().substring(VERSION.length() + 1))
                ? Verification.verified()
                : Verification.rejected(SIGNATURE_HEADER + " does not match the body");
    }
}
