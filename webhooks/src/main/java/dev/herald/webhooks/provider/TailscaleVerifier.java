package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tailscale: {@code Tailscale-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 over "<t>.<body>">}, keyed with the
 * webhook secret as UTF-8 (Stripe's scheme under Tailscale's header name). As in Svix's {@code TailscaleConfig},
 * the age of {@code t} is checked only when a grace period is given; without one a signed request is accepted
 * however old it is.
 */
public final class TailscaleVerifier implements ProviderVerifier {

    static final String HEADER = "Tailscale-Webhook-Signature";

    private final TimestampedSignatures signatures;

    /** {@code grace}: how far {@code t} may be from now, or empty to accept any {@code t}. */
    public TailscaleVerifier(String secret, Optional<Duration> grace) {
        this.signatures = new TimestampedSignatures(HEADER, SharedSecret.utf8(secret, "Tailscale webhook"),
                grace.map(TimestampWindow::new));
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        return signatures.verify(headers, body, now);
    }
}
