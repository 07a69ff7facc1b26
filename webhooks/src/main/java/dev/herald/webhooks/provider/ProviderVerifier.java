package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import java.time.Instant;

/**
 * Checks that an inbound webhook really comes from its provider, by the provider's own signing scheme, over the raw
 * body bytes exactly as received. Implementations compare in constant time and never throw for a bad request.
 */
public sealed interface ProviderVerifier permits GitHubVerifier, StripeVerifier, ShopifyVerifier, SlackVerifier,
        ZoomVerifier, TailscaleVerifier, DocuSignVerifier, AirwallexVerifier,
        StandardWebhooksVerifier, HmacVerifier, BasicAuthVerifier {

    /** Verifies the request as of {@code now}, which providers with a timestamp compare against. */
    Verification verify(HeaderLookup headers, byte[] body, Instant now);
}
