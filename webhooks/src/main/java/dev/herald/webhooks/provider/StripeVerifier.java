package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]}, HMAC-SHA256 over {@code <t>.<body>} keyed with
 * the whole {@code whsec_…} signing secret as UTF-8 (not base64-decoded). Any {@code v1} may match, since Stripe
 * signs with every secret during a roll; {@code v0} (test mode's legacy scheme) is ignored. A {@code t} further from
 * now than the tolerance (Stripe's default 300 s) is rejected.
 */
public final class StripeVerifier implements ProviderVerifier {

    /** Stripe's default tolerance between {@code t} and the receiver's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    static final String HEADER = "Stripe-Signature";

    private final byte[] key;
    private final TimestampWindow window;

    public StripeVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    public StripeVerifier(String secret, Duration tolerance) {
        this.key = SharedSecret.utf8(secret, "Stripe signing");
        this.window = new TimestampWindow(tolerance);
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        Optional<String> header = headers.first(HEADER);
        if (header.isEmpty()) {
            return Verification.rejected("missing " + HEADER + " header");
        }
        Optional<String> timestamp = Optional.empty();
        List<String> signatures = new ArrayList<>();
        for (String element : header.get().split(",")) {
            int equals = element.indexOf('=');
            String name = equals < 0 ? "" : element.substring(0, equals).strip();
            if (name.equals("t") && timestamp.isEmpty()) {
                timestamp = Optional.of(element.substring(equals + 1).strip());
            } else if (name.equals("v1")) {
                signatures.add(element.substring(equals + 1));
            }
        }
        if (timestamp.isEmpty() || signatures.isEmpty()) {
            return Verification.rejected(HEADER + " lacks a t= timestamp or a v1= signature");
        }
        Verification fresh = window.check(HEADER + " timestamp", timestamp.get(), now);
        if (fresh instanceof Verification.Rejected) {
            return fresh;
        }
        byte[] expected = Hmac.sha256(key, (timestamp.get() + ".").getBytes(StandardCharsets.UTF_8), body);
        return signatures.stream().anyMatch(signature -> SignatureEncoding.HEX.matches(expected, signature))
                ? Verification.verified()
                : Verification.rejected("no v1 signature in " + HEADER + " matches the body");
    }
}
