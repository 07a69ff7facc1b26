package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final Instant NOW = Instant.ofEpochSecond(1_531_420_618L + 60);
    private static final byte[] BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070"
            .getBytes(StandardCharsets.UTF_8);

    private final SlackVerifier verifier = new SlackVerifier(SECRET);

    private static String v0(String secret, String timestamp, byte[] body) {
        return "v0=" + IndependentHmac.hexSha256(secret, "v0:" + timestamp + ":", body);
    }

    private Verification verify(String timestamp, String signature, byte[] body, Instant now) {
        return verifier.verify(
                TestHeaders.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature), body, now);
    }

    @Test
    void acceptsAFreshV0Signature() {
        assertVerified(verify(TIMESTAMP, v0(SECRET, TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void acceptsSlacksDocumentedExample() {
        byte[] documentedBody = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
                + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
                + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
                + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
                .getBytes(StandardCharsets.UTF_8);
        String documented = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

        assertVerified(verify(TIMESTAMP, documented, documentedBody, NOW));
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&text=0".getBytes(StandardCharsets.UTF_8);

        assertRejected(verify(TIMESTAMP, v0(SECRET, TIMESTAMP, BODY), tampered, NOW)).contains("does not match");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        assertRejected(verify(TIMESTAMP, v0("another-signing-secret", TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void rejectsARequestOlderThanFiveMinutes() {
        Instant later = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)).plusSeconds(301);

        assertRejected(verify(TIMESTAMP, v0(SECRET, TIMESTAMP, BODY), BODY, later))
                .contains("X-Slack-Request-Timestamp");
    }

    @Test
    void rejectsATimestampThatDoesNotMatchTheSignedOne() {
        assertRejected(verify("1531420619", v0(SECRET, TIMESTAMP, BODY), BODY, NOW));
    }

    @Test
    void rejectsAnUnknownSignatureVersion() {
        String v1 = v0(SECRET, TIMESTAMP, BODY).replace("v0=", "v1=");

        assertRejected(verify(TIMESTAMP, v1, BODY, NOW)).contains("v0=");
    }

    @Test
    void rejectsMissingHeaders() {
        assertRejected(verifier.verify(TestHeaders.of("X-Slack-Signature", v0(SECRET, TIMESTAMP, BODY)), BODY, NOW))
                .contains("missing X-Slack-Request-Timestamp");
        assertRejected(verifier.verify(TestHeaders.of("X-Slack-Request-Timestamp", TIMESTAMP), BODY, NOW))
                .contains("missing X-Slack-Signature");
    }
}
