package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scheme Stripe introduced and Tailscale copied: one header {@code t=<unix>,v1=<hex>[,v1=<hex>…]}, each
 * {@code v1} a hex HMAC-SHA256 over {@code <t>.<body>} keyed with the secret's UTF-8 bytes. Any {@code v1} may match
 * (several are sent while a secret is rolled); other elements are ignored. {@code t} is checked against the window
 * when there is one.
 */
final class TimestampedSignatures {

    private final String header;
    private final byte[] key;
    private final Optional<TimestampWindow> window;

    TimestampedSignatures(String header, byte[] key, Optional<TimestampWindow> window) {
        this.header = header;
        this.key = key;
        this.window = window;
    }

    Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        Optional<String> value = headers.first(header);
        if (value.isEmpty()) {
            return Verification.rejected("missing " + header + " header");
        }
        Optional<String> timestamp = Optional.empty();
        List<String> signatures = new ArrayList<>();
        for (String element : value.get().split(",")) {
            int equals = element.indexOf('=');
            String name = equals < 0 ? "" : element.substring(0, equals).strip();
            if (name.equals("t") && timestamp.isEmpty()) {
                timestamp = Optional.of(element.substring(equals + 1).strip());
            } else if (name.equals("v1")) {
                signatures.add(element.substring(equals + 1));
            }
        }
        if (timestamp.isEmpty() || signatures.isEmpty()) {
            return Verification.rejected(header + " lacks a t= timestamp or a v1= signature");
        }
        if (window.isPresent()) {
            Verification fresh = window.get().check(header + " timestamp", timestamp.get(), now);
            if (fresh instanceof Verification.Rejected) {
                return fresh;
            }
        } else if (!timestamp.get().matches("[0-9]{1,18}")) {
            return Verification.rejected(header + " timestamp is not a Unix timestamp");
        }
        byte[] expected = Hmac.sha256(key, (timestamp.get() + ".").getBytes(StandardCharsets.UTF_8), body);
        return signatures.stream().anyMatch(signature -> SignatureEncoding.HEX.matches(expected, signature))
                ? Verification.verified()
                : Verification.rejected("no v1 signature in " + header + " matches the body");
    }
}
