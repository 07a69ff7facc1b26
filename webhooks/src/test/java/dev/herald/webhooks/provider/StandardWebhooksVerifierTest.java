package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;

import dev.herald.webhooks.TestHeaders;
import dev.herald.webhooks.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhooksVerifierTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long T = 1_614_265_330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    private final StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(WebhookSecret.parse(SECRET));

    private static String v1(String secret, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] mac = IndependentHmac.mac("HmacSHA256", key, ID + "." + T + ".", body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    private Verification verify(String prefix, byte[] body, Instant now) {
        return verifier.verify(TestHeaders.of(prefix + "-id", ID, prefix + "-timestamp", Long.toString(T),
                prefix + "-signature", v1(SECRET, BODY)), body, now);
    }

    @Test
    void acceptsWebhookHeadersAtTheSignedTime() {
        assertVerified(verify("webhook", BODY, Instant.ofEpochSecond(T)));
    }

    @Test
    void acceptsSvixHeaders() {
        assertVerified(verify("svix", BODY, Instant.ofEpochSecond(T + 299)));
    }

    @Test
    void rejectsATamperedBodyWithAReason() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

        assertRejected(verify("webhook", tampered, Instant.ofEpochSecond(T))).contains("no signature");
    }

    @Test
    void rejectsAStaleTimestampJudgedByTheGivenNow() {
        assertRejected(verify("webhook", BODY, Instant.ofEpochSecond(T + 301))).contains("older");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        WebhookSecret other = WebhookSecret.generate();
        StandardWebhooksVerifier wrong = new StandardWebhooksVerifier(other);

        assertRejected(wrong.verify(TestHeaders.of("webhook-id", ID, "webhook-timestamp", Long.toString(T),
                "webhook-signature", v1(SECRET, BODY)), BODY, Instant.ofEpochSecond(T)));
    }

    @Test
    void rejectsMissingHeaders() {
        assertRejected(verifier.verify(TestHeaders.of("webhook-id", ID), BODY, Instant.ofEpochSecond(T)))
                .contains("missing");
    }
}
