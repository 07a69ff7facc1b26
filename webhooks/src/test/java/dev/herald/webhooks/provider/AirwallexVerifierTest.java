package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AirwallexVerifierTest {

    private static final String SECRET = "airwallex-webhook-secret";
    private static final String TIMESTAMP = "1357872222592";
    private static final Instant NOW = Instant.ofEpochMilli(1_357_872_222_592L + 1_000);
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"name\":\"payment_intent.succeeded\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final AirwallexVerifier verifier = new AirwallexVerifier(SECRET);

    private static String sign(String secret, String timestamp, byte[] body) {
        return IndependentHmac.hexSha256(secret, timestamp, body);
    }

    private Verification verify(String timestamp, String signature, byte[] body, Instant now) {
        return verifier.verify(TestHeaders.of("x-timestamp", timestamp, "x-signature", signature), body, now);
    }

    @Test
    void acceptsAHexHmacOverTheMillisecondTimestampFollowedByTheBody() {
        assertVerified(verify(TIMESTAMP, sign(SECRET, TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void rejectsATamperedBodyOrAnotherSecret() {
        byte[] tampered = "{\"id\":\"evt_1\",\"name\":\"refund.settled\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(verify(TIMESTAMP, sign(SECRET, TIMESTAMP, BODY), tampered, NOW)).contains("does not match");
        assertRejected(verify(TIMESTAMP, sign("another-secret", TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void rejectsATimestampMoreThanFiveMinutesAwayInMilliseconds() {
        assertRejected(verify(TIMESTAMP, sign(SECRET, TIMESTAMP, BODY), BODY, NOW.plusSeconds(300)))
                .contains("x-timestamp");
    }

    @Test
    void rejectsATimestampInSecondsSinceItIsMillisecondsThatAirwallexSends() {
        String seconds = "1357872222";

        assertRejected(verify(seconds, sign(SECRET, seconds, BODY), BODY, NOW)).contains("x-timestamp");
    }

    @Test
    void rejectsARequestWithoutTheSignature() {
        assertRejected(verifier.verify(TestHeaders.of("x-timestamp", TIMESTAMP), BODY, NOW)).contains("x-signature");
    }
}
