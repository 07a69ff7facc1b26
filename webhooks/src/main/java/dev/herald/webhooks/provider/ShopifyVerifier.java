package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.time.Instant;

/**
 * Shopify: {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>}, keyed with the app's client secret as
 * UTF-8. Shopify signs no timestamp, so freshness cannot be checked.
 */
public final class ShopifyVerifier implements ProviderVerifier {

    static final String HEADER = "X-Shopify-Hmac-Sha256";

    private final HmacVerifier hmac;

    public ShopifyVerifier(String secret) {
        byte[] key = SharedSecret.utf8(secret, "Shopify client");
        this.hmac = new HmacVerifier(HEADER, Hmac.Algorithm.SHA256, SignatureEncoding.BASE64, "", key);
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        return hmac.verify(headers, body, now);
    }
}
