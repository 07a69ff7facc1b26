package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZoomVerifierTest {

    private static final String SECRET_TOKEN = "zoom-secret-token";
    private static final String TIMESTAMP = "1658940994";
    private static final Instant NOW = Instant.ofEpochSecond(1_658_940_994L + 30);
    private static final byte[] BODY = "{\"event\":\"meeting.started\",\"payload\":{\"account_id\":\"AAAA\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private final ZoomVerifier verifier = new ZoomVerifier(SECRET_TOKEN);

    private static String v0(String secret, String timestamp, byte[] body) {
        return "v0=" + IndependentHmac.hexSha256(secret, "v0:" + timestamp + ":", body);
    }

    private Verification verify(String timestamp, String signature, byte[] body, Instant now) {
        return verifier.verify(TestHeaders.of("x-zm-request-timestamp", timestamp, "x-zm-signature", signature), body,
                now);
    }

    @Test
    void acceptsAFreshV0SignatureOverTimestampAndBody() {
        assertVerified(verify(TIMESTAMP, v0(SECRET_TOKEN, TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "{\"event\":\"meeting.ended\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(verify(TIMESTAMP, v0(SECRET_TOKEN, TIMESTAMP, BODY), tampered, NOW)).contains("does not match");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecretToken() {
        assertRejected(verify(TIMESTAMP, v0("another-token", TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void rejectsATimestampMoreThanFiveMinutesAway() {
        assertRejected(verify(TIMESTAMP, v0(SECRET_TOKEN, TIMESTAMP, BODY), BODY, NOW.plusSeconds(301)))
                .contains("x-zm-request-timestamp");
    }

    @Test
    void rejectsARequestWithoutZoomsHeaders() {
        assertRejected(verifier.verify(TestHeaders.of(), BODY, NOW)).contains("missing");
    }

    @Test
    void encryptsAUrlValidationTokenAsHexHmacOfThePlainToken() {
        String expected = IndependentHmac.hexSha256(SECRET_TOKEN, "",
                "qgg8vlvZRS6UYooatFL8Aw".getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.encryptedToken("qgg8vlvZRS6UYooatFL8Aw")).isEqualTo(expected);
    }
}
