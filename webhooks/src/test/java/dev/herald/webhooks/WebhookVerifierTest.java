package dev.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final long NOW = 1_700_000_000L;
    private static final String TIMESTAMP = Long.toString(NOW);
    private static final byte[] BODY = "{\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSecret secret = WebhookSecret.generate();
    private final WebhookVerifier verifier = verifierAt(NOW, secret);

    private static WebhookVerifier verifierAt(long epochSecond, WebhookSecret... secrets) {
        return WebhookVerifier.builder()
                .secrets(List.of(secrets))
                .clock(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC))
                .build();
    }

    private String signature(WebhookSecret key, byte[] body) {
        return WebhookSigner.signV1(key, ID, NOW, body);
    }

    @Test
    void acceptsAFreshlySignedMessageFromHeaders() {
        HeaderLookup headers = TestHeaders.of(
                "webhook-id", ID, "webhook-timestamp", TIMESTAMP, "webhook-signature", signature(secret, BODY));

        assertThatCode(() -> verifier.verify(headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsSvixHeaderAliasesInAnyCase() {
        Map<String, List<String>> headers = Map.of(
                "Svix-Id", List.of(ID),
                "SVIX-TIMESTAMP", List.of(TIMESTAMP),
                "svix-signature", List.of(signature(secret, BODY)));

        assertThatCode(() -> verifier.verify(headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsSignatureFromAnyRotatedSecret() {
        WebhookSecret next = WebhookSecret.generate();
        WebhookVerifier rotating = verifierAt(NOW, secret, next);

        assertThatCode(() -> rotating.verify(ID, TIMESTAMP, signature(next, BODY), BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsWhenTheSecondOfSeveralSignaturesMatches() {
        String header = signature(WebhookSecret.generate(), BODY) + " " + signature(secret, BODY);

        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, header, BODY)).doesNotThrowAnyException();
    }

    @Test
    void ignoresUnknownSignatureVersions() {
        String header = "v2,c29tZXRoaW5nIG5ldw== " + signature(secret, BODY);

        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, header, BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsBodiesThatAreNotUtf8() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41, (byte) 0x80};

        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, signature(secret, body), body)).doesNotThrowAnyException();
    }

    @Test
    void rejectsATamperedNonUtf8Body() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41, (byte) 0x80};
        String header = signature(secret, body);
        byte[] tampered = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41, (byte) 0x81};

        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, header, tampered))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "{\"type\":\"invoice.paid!\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, signature(secret, BODY), tampered))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessage("no signature in the signature header matches");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecretWithoutRevealingEitherSecret() {
        WebhookSecret other = WebhookSecret.generate();

        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, signature(other, BODY), BODY))
                .isInstanceOf(WebhookVerificationException.class)
                .message()
                .doesNotContain(secret.encoded().substring(6), other.encoded().substring(6));
    }

    @Test
    void rejectsAnotherMessageIdUnderTheSameSignature() {
        assertThatThrownBy(() -> verifier.verify("msg_other", TIMESTAMP, signature(secret, BODY), BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsATimestampOlderThanTheTolerance() {
        WebhookVerifier later = verifierAt(NOW + 301, secret);

        assertThatThrownBy(() -> later.verify(ID, TIMESTAMP, signature(secret, BODY), BODY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("older than the tolerance");
    }

    @Test
    void rejectsATimestampFurtherInTheFutureThanTheTolerance() {
        WebhookVerifier earlier = verifierAt(NOW - 301, secret);

        assertThatThrownBy(() -> earlier.verify(ID, TIMESTAMP, signature(secret, BODY), BODY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("in the future");
    }

    @ParameterizedTest
    @ValueSource(longs = {NOW - 300, NOW + 300})
    void acceptsTimestampsExactlyAtTheTolerance(long clockSeconds) {
        WebhookVerifier atEdge = verifierAt(clockSeconds, secret);

        assertThatCode(() -> atEdge.verify(ID, TIMESTAMP, signature(secret, BODY), BODY)).doesNotThrowAnyException();
    }

    @Test
    void honoursAConfiguredTolerance() {
        WebhookVerifier strict = WebhookVerifier.builder().secret(secret).tolerance(Duration.ofSeconds(10))
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW + 11), ZoneOffset.UTC)).build();

        assertThatThrownBy(() -> strict.verify(ID, TIMESTAMP, signature(secret, BODY), BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void rejectsAMissingHeader(String missing) {
        String[] all = {"webhook-id", ID, "webhook-timestamp", TIMESTAMP, "webhook-signature", signature(secret, BODY)};
        String[] present = new String[4];
        for (int from = 0, to = 0; from < all.length; from += 2) {
            if (!all[from].equals(missing)) {
                present[to++] = all[from];
                present[to++] = all[from + 1];
            }
        }

        assertThatThrownBy(() -> verifier.verify(TestHeaders.of(present), BODY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("missing " + missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "1700000000.5", "1e9", "99999999999999999999"})
    void rejectsATimestampThatIsNotWholeSeconds(String timestamp) {
        assertThatThrownBy(() -> verifier.verify(ID, timestamp, signature(secret, BODY), BODY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "v1", "v1,", ",abc", "   "})
    void rejectsAMalformedSignatureHeader(String header) {
        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, header, BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsWhenOnlyUnknownVersionsArePresent() {
        String header = signature(secret, BODY).replace("v1,", "v9,");

        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, header, BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void refusesToBeBuiltWithoutAnyKey() {
        assertThatThrownBy(() -> WebhookVerifier.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }
}
