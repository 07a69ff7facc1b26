package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthVerifierTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private final BasicAuthVerifier verifier = new BasicAuthVerifier("herald", "pässword:with-colon");

    private Verification verify(String authorization) {
        return verifier.verify(TestHeaders.of("Authorization", authorization), BODY, NOW);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheConfiguredCredentials() {
        assertVerified(verify(basic("herald:pässword:with-colon")));
        assertVerified(verify(basic("herald:pässword:with-colon").replace("Basic", "basic")));
    }

    @Test
    void rejectsAWrongPasswordOrUsername() {
        assertRejected(verify(basic("herald:password"))).contains("do not match");
        assertRejected(verify(basic("Herald:pässword:with-colon")));
        assertRejected(verify(basic("herald:pässword:with-colon ")));
    }

    @Test
    void rejectsAMissingHeaderAnotherSchemeOrInvalidBase64() {
        assertRejected(verifier.verify(TestHeaders.of(), BODY, NOW)).contains("missing Authorization");
        assertRejected(verify("Bearer aGVyYWxk")).contains("Basic");
        assertRejected(verify("Basic ***")).contains("base64");
    }

    @Test
    void refusesAUsernameContainingAColon() {
        assertThatThrownBy(() -> new BasicAuthVerifier("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
    }
}
