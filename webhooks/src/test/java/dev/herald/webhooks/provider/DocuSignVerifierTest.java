package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocuSignVerifierTest {

    private static final String KEY = "docusign-connect-hmac-key";
    private static final byte[] BODY = "{\"event\":\"envelope-completed\"}\r\n".getBytes(StandardCharsets.UTF_8);

    private final DocuSignVerifier verifier = new DocuSignVerifier(KEY);

    @Test
    void acceptsABase64HmacOfTheBodyInTheFirstHeader() {
        assertVerified(verifier.verify(TestHeaders.of("X-DocuSign-Signature-1",
                IndependentHmac.base64Sha256(KEY, BODY)), BODY, Instant.EPOCH));
    }

    @Test
    void acceptsWhenAnyNumberedHeaderMatchesThisKey() {
        assertVerified(verifier.verify(TestHeaders.of(
                "X-DocuSign-Signature-1", IndependentHmac.base64Sha256("another-key", BODY),
                "X-DocuSign-Signature-2", IndependentHmac.base64Sha256(KEY, BODY)), BODY, Instant.EPOCH));
    }

    @Test
    void rejectsATamperedBodyOrAnotherKey() {
        byte[] tampered = "{\"event\":\"envelope-voided\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(verifier.verify(TestHeaders.of("X-DocuSign-Signature-1",
                IndependentHmac.base64Sha256(KEY, BODY)), tampered, Instant.EPOCH)).contains("no X-DocuSign-Signature");
        assertRejected(verifier.verify(TestHeaders.of("X-DocuSign-Signature-1",
                IndependentHmac.base64Sha256("another-key", BODY)), BODY, Instant.EPOCH));
    }

    @Test
    void rejectsARequestWithoutTheFirstHeader() {
        assertRejected(verifier.verify(TestHeaders.of("X-DocuSign-Signature-2",
                IndependentHmac.base64Sha256(KEY, BODY)), BODY, Instant.EPOCH)).contains("missing");
    }
}
