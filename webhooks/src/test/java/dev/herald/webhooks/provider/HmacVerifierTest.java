package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.webhooks.Hmac;
import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacVerifierTest {

    private static final String HEADER = "X-Signature";
    private static final byte[] KEY = "generic-source-key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = {0x7b, 0x7d, (byte) 0xff, 0x0a};
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static String encoded(String jcaAlgorithm, SignatureEncoding encoding, byte[] key, byte[] body) {
        byte[] mac = IndependentHmac.mac(jcaAlgorithm, key, "", body);
        return switch (encoding) {
            case HEX -> HexFormat.of().formatHex(mac);
            case BASE64 -> Base64.getEncoder().encodeToString(mac);
        };
    }

    @ParameterizedTest(name = "{0} {1} prefix \"{3}\"")
    @CsvSource({
        "SHA1, HEX, HmacSHA1, ''",
        "SHA256, HEX, HmacSHA256, sha256=",
        "SHA512, HEX, HmacSHA512, sha512=",
        "SHA1, BASE64, HmacSHA1, ''",
        "SHA256, BASE64, HmacSHA256, ''",
        "SHA512, BASE64, HmacSHA512, hmac ",
    })
    void acceptsEachAlgorithmEncodingAndPrefix(Hmac.Algorithm algorithm, SignatureEncoding encoding, String jca,
            String prefix) {
        HmacVerifier verifier = new HmacVerifier(HEADER, algorithm, encoding, prefix, KEY);

        String signature = prefix + encoded(jca, encoding, KEY, BODY);

        assertVerified(verifier.verify(TestHeaders.of(HEADER, signature), BODY, NOW));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SHA256, HEX, HmacSHA256", "SHA512, BASE64, HmacSHA512"})
    void rejectsATamperedBodyAndAnotherKey(Hmac.Algorithm algorithm, SignatureEncoding encoding, String jca) {
        HmacVerifier verifier = new HmacVerifier(HEADER, algorithm, encoding, "", KEY);
        byte[] otherKey = "other-key".getBytes(StandardCharsets.UTF_8);

        assertRejected(verifier.verify(TestHeaders.of(HEADER, encoded(jca, encoding, KEY, BODY)), new byte[] {1}, NOW))
                .contains("does not match");
        assertRejected(verifier.verify(TestHeaders.of(HEADER, encoded(jca, encoding, otherKey, BODY)), BODY, NOW));
    }

    @Test
    void rejectsAMissingHeaderOrPrefix() {
        HmacVerifier verifier = new HmacVerifier(HEADER, Hmac.Algorithm.SHA256, SignatureEncoding.HEX, "sha256=", KEY);

        assertRejected(verifier.verify(TestHeaders.of(), BODY, NOW)).contains("missing " + HEADER);
        assertRejected(verifier.verify(TestHeaders.of(HEADER, encoded("HmacSHA256", SignatureEncoding.HEX, KEY, BODY)),
                BODY, NOW)).contains("sha256=");
    }

    @Test
    void refusesAnEmptyKey() {
        byte[] empty = new byte[0];

        assertThatThrownBy(() -> new HmacVerifier(HEADER, Hmac.Algorithm.SHA256, SignatureEncoding.HEX, "", empty))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
