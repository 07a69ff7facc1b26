package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Airwallex: {@code x-signature: <hex HMAC-SHA256 over "<x-timestamp><body>">} (no separator), keyed with the
 * webhook's secret as UTF-8, and {@code x-timestamp} in Unix milliseconds. Airwallex names no tolerance; the
 * timestamp must lie within the usual 5 minutes of now.
 */
public final class AirwallexVerifier implements ProviderVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    static final String SIGNATURE_HEADER = "x-signature";
    static final String TIMESTAMP_HEADER = "x-timestamp";

    private final byte[] key;
    private final TimestampWindow window;

    public AirwallexVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    public AirwallexVerifier(String secret, Duration tolerance) {
        this.key = SharedSecret.utf8(secret, "Airwallex webhook");
        this.window = new TimestampWindow(tolerance);
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        Optional<String> timestamp = headers.first(TIMESTAMP_HEADER).map(String::strip);
        Optional<String> signature = headers.first(SIGNATURE_HEADER);
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return Verification.rejected("missing " + (timestamp.isEmpty() ? TIMESTAMP_HEADER : SIGNATURE_HEADER)
                    + " header");
        }
        Verification fresh = window.checkMillis(TIMESTAMP_HEADER, timestamp.get(), now);
        if (fresh instanceof Verification.Rejected) {
            return fresh;
        }
        byte[] expected = Hmac.sha256(key, timestamp.get().getBytes(StandardCharsets.UTF_8), body);
        return SignatureEncoding.HEX.matches(expected, signature.get())
                ? Verification.verified()
                : Verification.rejected(SIGNATURE_HEADER + " does not match the body");
    }
}
