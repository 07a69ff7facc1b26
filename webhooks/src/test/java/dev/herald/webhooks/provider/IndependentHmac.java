package dev.herald.webhooks.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Computes a provider's signature with plain javax.crypto, as its documentation describes, not via Herald's code. */
final class IndependentHmac {

    private IndependentHmac() {
    }

    static byte[] mac(String jcaAlgorithm, byte[] key, String signedPrefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(key, jcaAlgorithm));
            mac.update(signedPrefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String hexSha256(String key, String signedPrefix, byte[] body) {
        return HexFormat.of().formatHex(mac("HmacSHA256", key.getBytes(StandardCharsets.UTF_8), signedPrefix, body));
    }

    static String base64Sha256(String key, byte[] body) {
        return Base64.getEncoder().encodeToString(mac("HmacSHA256", key.getBytes(StandardCharsets.UTF_8), "", body));
    }
}
