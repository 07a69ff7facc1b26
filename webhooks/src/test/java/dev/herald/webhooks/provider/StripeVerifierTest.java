package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StripeVerifierTest {

    private static final String SECRET = "whsec_test_1a2b3c4d5e6f7g8h9i0j";
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final long T = NOW.getEpochSecond();

    private final StripeVerifier verifier = new StripeVerifier(SECRET);

    private static String v1(String secret, long t, byte[] body) {
        return "v1=" + IndependentHmac.hexSha256(secret, t + ".", body);
    }

    private Verification verify(String header, byte[] body) {
        return verifier.verify(TestHeaders.of("Stripe-Signature", header), body, NOW);
    }

    @Test
    void acceptsAV1SignatureKeyedWithTheWholeSecretString() {
        assertVerified(verify("t=" + T + "," + v1(SECRET, T, BODY), BODY));
    }

    @Test
    void acceptsAnyOfSeveralV1SignaturesDuringARoll() {
        String header = "t=" + T + "," + v1("whsec_old", T, BODY) + "," + v1(SECRET, T, BODY) + ",v0=abcdef";

        assertVerified(verify(header, BODY));
    }

    @Test
    void ignoresAMatchingV0Signature() {
        String v0Only = "t=" + T + "," + v1(SECRET, T, BODY).replace("v1=", "v0=");

        assertRejected(verify(v0Only, BODY)).contains("v1=");
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "{\"id\":\"evt_2\",\"type\":\"charge.succeeded\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(verify("t=" + T + "," + v1(SECRET, T, BODY), tampered)).contains("matches");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        assertRejected(verify("t=" + T + "," + v1("whsec_other", T, BODY), BODY));
    }

    @Test
    void rejectsASignedTimestampOlderThanTheTolerance() {
        long stale = T - 301;

        assertRejected(verify("t=" + stale + "," + v1(SECRET, stale, BODY), BODY)).contains("timestamp");
    }

    @Test
    void rejectsASignedTimestampTooFarInTheFuture() {
        long future = T + 301;

        assertRejected(verify("t=" + future + "," + v1(SECRET, future, BODY), BODY)).contains("timestamp");
    }

    @Test
    void honoursAConfiguredTolerance() {
        long old = T - 3600;
        StripeVerifier lenient = new StripeVerifier(SECRET, Duration.ofHours(2));

        assertVerified(lenient.verify(TestHeaders.of("stripe-signature", "t=" + old + "," + v1(SECRET, old, BODY)),
                BODY, NOW));
    }

    @Test
    void rejectsAHeaderWithoutTimestampOrSignature() {
        assertRejected(verify(v1(SECRET, T, BODY), BODY));
        assertRejected(verify("t=" + T, BODY));
        assertRejected(verifier.verify(TestHeaders.of(), BODY, NOW)).contains("missing Stripe-Signature");
    }
}
