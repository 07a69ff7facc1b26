package dev.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ed25519KeyPairTest {

    private static final HexFormat HEX = HexFormat.of();
    // RFC 8032, section 7.1, test 1 (empty message).
    private static final byte[] RFC_SEED =
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] RFC_PUBLIC =
            HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] RFC_SIGNATURE = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
            + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    private static final String ID = "msg_ed25519";
    private static final long NOW = 1_700_000_000L;
    private static final byte[] BODY = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    private static String whsk(byte[]... parts) {
        byte[] joined = new byte[0];
        for (byte[] part : parts) {
            byte[] next = new byte[joined.length + part.length];
            System.arraycopy(joined, 0, next, 0, joined.length);
            System.arraycopy(part, 0, next, joined.length, part.length);
            joined = next;
        }
        return "whsk_" + Base64.getEncoder().encodeToString(joined);
    }

    private static WebhookVerifier verifierFor(Ed25519KeyPair key) {
        return WebhookVerifier.builder().publicKey(key)
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)).build();
    }

    @Test
    void derivesTheRfc8032PublicKeyAndSignatureFromASeed() {
        Ed25519KeyPair pair = Ed25519KeyPair.parseSecret(whsk(RFC_SEED));

        assertThat(pair.publicKey()).isEqualTo("whpk_" + Base64.getEncoder().encodeToString(RFC_PUBLIC));
        assertThat(pair.sign(new byte[0])).isEqualTo(RFC_SIGNATURE);
    }

    @Test
    void encodesTheSecretAsSeedFollowedByPublicKey() {
        Ed25519KeyPair pair = Ed25519KeyPair.parseSecret(whsk(RFC_SEED));

        assertThat(pair.secretKey()).isEqualTo(whsk(RFC_SEED, RFC_PUBLIC));
        assertThat(Ed25519KeyPair.parseSecret(pair.secretKey())).isEqualTo(pair);
    }

    @Test
    void rejectsASecretWhosePublicHalfBelongsToAnotherSeed() {
        byte[] otherPublic = Base64.getDecoder().decode(Ed25519KeyPair.generate().publicKey().substring(5));

        assertThatThrownBy(() -> Ed25519KeyPair.parseSecret(whsk(RFC_SEED, otherPublic)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public half");
    }

    @Test
    void rejectsKeysOfTheWrongLengthOrPrefix() {
        assertThatThrownBy(() -> Ed25519KeyPair.parseSecret(whsk(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519KeyPair.parsePublic("whpk_" + Base64.getEncoder().encodeToString(new byte[33])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519KeyPair.parsePublic(whsk(RFC_PUBLIC)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whpk_");
    }

    @Test
    void signatureVerifiesWithTheParsedPublicKey() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        String header = WebhookSigner.sign(ID, NOW, BODY, List.of(pair));

        WebhookVerifier verifier = verifierFor(Ed25519KeyPair.parsePublic(pair.publicKey()));

        assertThat(header).startsWith("v1a,");
        assertThatCode(() -> verifier.verify(ID, Long.toString(NOW), header, BODY)).doesNotThrowAnyException();
    }

    @Test
    void rejectsASignatureOverATamperedBody() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        String header = WebhookSigner.sign(ID, NOW, BODY, List.of(pair));
        byte[] tampered = "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifierFor(pair).verify(ID, Long.toString(NOW), header, tampered))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsASignatureByAnotherKey() {
        String header = WebhookSigner.sign(ID, NOW, BODY, List.of(Ed25519KeyPair.generate()));

        assertThatThrownBy(() -> verifierFor(Ed25519KeyPair.generate()).verify(ID, Long.toString(NOW), header, BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aPublicKeyAloneCannotSignOrRevealASecret() {
        Ed25519KeyPair publicOnly = Ed25519KeyPair.parsePublic(Ed25519KeyPair.generate().publicKey());

        assertThat(publicOnly.canSign()).isFalse();
        assertThatThrownBy(publicOnly::secretKey).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringShowsThePublicKeyButNotTheSeed() {
        Ed25519KeyPair pair = Ed25519KeyPair.parseSecret(whsk(RFC_SEED));

        assertThat(pair.toString())
                .contains(pair.publicKey())
                .doesNotContain(Base64.getEncoder().encodeToString(RFC_SEED).substring(0, 20));
    }
}
