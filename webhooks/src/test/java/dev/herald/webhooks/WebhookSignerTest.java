package dev.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final long TIMESTAMP = 1_700_000_000L;

    @Test
    void signsWithEveryKeyInTheGivenOrder() {
        WebhookSecret first = WebhookSecret.generate();
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        WebhookSecret second = WebhookSecret.generate();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        String header = WebhookSigner.sign(ID, TIMESTAMP, body, List.of(first, pair, second));

        String[] signatures = header.split(" ");
        assertThat(signatures).hasSize(3);
        assertThat(signatures[0]).isEqualTo(WebhookSigner.signV1(first, ID, TIMESTAMP, body));
        assertThat(signatures[1]).startsWith("v1a,");
        assertThat(Base64.getDecoder().decode(signatures[1].substring(4))).hasSize(64);
        assertThat(signatures[2]).isEqualTo(WebhookSigner.signV1(second, ID, TIMESTAMP, body));
    }

    @Test
    void signsTheRawBodyBytesEvenWhenTheyAreNotUtf8() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28};
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
        mac.update((ID + "." + TIMESTAMP + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));

        assertThat(WebhookSigner.signV1(secret, ID, TIMESTAMP, body)).isEqualTo(expected);
    }

    @Test
    void refusesToSignWithAnEd25519PublicKeyOnly() {
        Ed25519KeyPair publicOnly = Ed25519KeyPair.parsePublic(Ed25519KeyPair.generate().publicKey());

        assertThatThrownBy(() -> WebhookSigner.sign(ID, TIMESTAMP, new byte[0], List.of(publicOnly)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public key only");
    }

    @Test
    void refusesAnEmptyKeyList() {
        assertThatThrownBy(() -> WebhookSigner.sign(ID, TIMESTAMP, new byte[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
