package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import java.time.Duration;
import java.time.Instant;
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

    private final TimestampedSignatures signatures;

    public StripeVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    public StripeVerifier(String secret, Duration tolerance) {
        this.signatures = new TimestampedSignatures(HEADER, SharedSecret.utf8(secret, "Stripe signing"),
                Optional.of(new TimestampWindow(tolerance)));
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        return signatures.verify(headers, body, now);
    }
}
