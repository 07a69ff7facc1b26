package dev.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretTest {

    private static String base64OfLength(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void encodedFormParsesBackToTheSameSecret() {
        WebhookSecret secret = WebhookSecret.generate();

        WebhookSecret parsed = WebhookSecret.parse(secret.encoded());

        assertThat(parsed).isEqualTo(secret).hasSameHashCodeAs(secret);
        assertThat(parsed.encoded()).startsWith("whsec_").isEqualTo(secret.encoded());
    }

    @Test
    void acceptsTheBareBase64PartWithoutPrefix() {
        WebhookSecret withPrefix = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo(withPrefix);
    }

    @Test
    void generatesTwentyFourRandomBytes() {
        WebhookSecret first = WebhookSecret.generate();

        assertThat(first.key()).hasSize(24);
        assertThat(WebhookSecret.generate()).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 32, 64, 75})
    void acceptsKeysOfTwentyFourToSeventyFiveBytes(int length) {
        assertThat(WebhookSecret.parse("whsec_" + base64OfLength(length)).key()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 23, 76, 128})
    void rejectsKeysOutsideTheAllowedLength(int length) {
        String encoded = "whsec_" + base64OfLength(length);

        assertThatThrownBy(() -> WebhookSecret.parse(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24 to 75 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_not*base64!at-all", "whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaSw", "whsec_%%%%"})
    void rejectsInvalidBase64WithoutEchoingTheInput(String encoded) {
        assertThatThrownBy(() -> WebhookSecret.parse(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64")
                .message().doesNotContain(encoded.substring(6));
    }

    @Test
    void toStringHidesTheKey() {
        WebhookSecret secret = WebhookSecret.generate();

        assertThat(secret.toString())
                .isEqualTo("WebhookSecret[redacted]")
                .doesNotContain(secret.encoded().substring(6));
    }

    @Test
    void keyIsADefensiveCopy() {
        byte[] raw = Base64.getDecoder().decode(base64OfLength(32));
        WebhookSecret secret = WebhookSecret.of(raw);

        raw[0] ^= 1;
        secret.key()[1] ^= 1;

        assertThat(secret.key()).isNotEqualTo(raw).containsExactly(Base64.getDecoder().decode(base64OfLength(32)));
    }
}
