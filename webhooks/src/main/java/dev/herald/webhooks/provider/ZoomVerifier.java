package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Zoom: {@code x-zm-signature: v0=<hex HMAC-SHA256 over "v0:<x-zm-request-timestamp>:<body>">} keyed with the app's
 * secret token (Slack's scheme under Zoom's header names), the timestamp in Unix seconds within the tolerance
 * (default 5 minutes; Zoom names none, so this is the usual replay window). Zoom checks a new endpoint with an
 * {@code endpoint.url_validation} event whose {@code plainToken} must come back with its {@link #encryptedToken}.
 */
public final class ZoomVerifier implements ProviderVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    static final String SIGNATURE_HEADER = "x-zm-signature";
    static final String TIMESTAMP_HEADER = "x-zm-request-timestamp";

    private final byte[] key;
    private final V0Signature signature;

    public ZoomVerifier(String secretToken) {
        this(secretToken, DEFAULT_TOLERANCE);
    }

    public ZoomVerifier(String secretToken, Duration tolerance) {
        this.key = SharedSecret.utf8(secretToken, "Zoom webhook secret token");
        this.signature = new V0Signature(SIGNATURE_HEADER, TIMESTAMP_HEADER, key, new TimestampWindow(tolerance));
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        return signature.verify(headers, body, now);
    }

    /** The answer to a URL validation: hex HMAC-SHA256 of the {@code plainToken}, keyed with the secret token. */
    public String encryptedToken(String plainToken) {
        return HexFormat.of().formatHex(Hmac.sha256(key, plainToken.getBytes(StandardCharsets.UTF_8)));
    }
}
