package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShopifyVerifierTest {

    private static final String SECRET = "shpss_0123456789abcdef0123456789abcdef";
    private static final byte[] BODY = "{\"id\":820982911946154500,\"email\":\"jon@example.com\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private final ShopifyVerifier verifier = new ShopifyVerifier(SECRET);

    private Verification verify(String hmac, byte[] body) {
        return verifier.verify(TestHeaders.of("X-Shopify-Hmac-Sha256", hmac, "X-Shopify-Topic", "orders/create"),
                body, NOW);
    }

    @Test
    void acceptsABase64Signature() {
        assertVerified(verify(IndependentHmac.base64Sha256(SECRET, BODY), BODY));
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "{\"id\":820982911946154501,\"email\":\"jon@example.com\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(verify(IndependentHmac.base64Sha256(SECRET, BODY), tampered)).contains("does not match");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        assertRejected(verify(IndependentHmac.base64Sha256("shpss_other", BODY), BODY));
    }

    @Test
    void rejectsAHexSignatureOrGarbage() {
        assertRejected(verify(IndependentHmac.hexSha256(SECRET, "", BODY), BODY));
        assertRejected(verify("not base64!", BODY));
    }

    @Test
    void rejectsAMissingHeader() {
        assertRejected(verifier.verify(TestHeaders.of("X-Shopify-Topic", "orders/create"), BODY, NOW))
                .contains("missing X-Shopify-Hmac-Sha256");
    }
}
