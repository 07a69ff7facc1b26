package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.WebhookSecret;
import dev.herald.webhooks.WebhookVerificationException;
import dev.herald.webhooks.WebhookVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Standard Webhooks and Svix senders ({@code webhook-*} or {@code svix-*} headers), checked by a {@link
 * WebhookVerifier} whose tolerance (5 minutes by default) is judged against the {@code now} of each call.
 */
public final class StandardWebhooksVerifier implements ProviderVerifier {

    private final WebhookVerifier verifier;

    /** Accepts {@code v1} signatures by any of the secrets, within 5 minutes. */
    public StandardWebhooksVerifier(WebhookSecret... secrets) {
        this(new WebhookVerifier(secrets));
    }

    /** Uses the verifier's keys and tolerance; its clock is replaced by each call's {@code now}. */
    public StandardWebhooksVerifier(WebhookVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        try {
            verifier.withClock(Clock.fixed(now, ZoneOffset.UTC)).verify(headers, body);
            return Verification.verified();
        } catch (WebhookVerificationException e) {
            return Verification.rejected(e.getMessage());
        }
    }
}
