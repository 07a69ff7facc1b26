package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The scheme Slack introduced and Zoom copied: a signature header {@code v0=<hex HMAC-SHA256 over
 * "v0:<timestamp>:<body>">} keyed with the shared secret's UTF-8 bytes, and a timestamp header in Unix seconds that
 * must lie within the window.
 */
final class V0Signature {
    private static final String VERSION = "v0";

    private final String signatureHeader;
    private final String timestampHeader;
    private final byte[] key;
    private final TimestampWindow window;

    V0Signature(String signatureHeader, String timestampHeader, byte[] key, TimestampWindow window) {
        this.signatureHeader = signatureHeader;
        this.timestampHeader = timestampHeader;
        this.key = key;
        this.window = window;
    }

    Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        Optional<String> timestamp = headers.first(timestampHeader).map(String::strip);
        Optional<String> signature = headers.first(signatureHeader).map(String::strip);
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return Verification.rejected("missing " + (timestamp.isEmpty() ? timestampHeader : signatureHeader)
                    + " header");
        }
        Verification fresh = window.check(timestampHeader, timestamp.get(), now);
        if (fresh instanceof Verification.Rejected) {
            return fresh;
        }
        if (!signature.get().startsWith(VERSION + "=")) {
            return Verification.rejected(signatureHeader + " is not a " + VERSION + "= signature");
        }
        String signed = VERSION + ":" + timestamp.get() + ":";
        byte[] expected = Hmac.sha256(key, signed.getBytes(StandardCharsets.UTF_8), body);
        return SignatureEncoding.HEX.matches(expected, signature.get().substring(VERSION.length() + 1))
                ? Verification.verified()
                : Verification.rejected(signatureHeader + " does not match the body");
    }
}
