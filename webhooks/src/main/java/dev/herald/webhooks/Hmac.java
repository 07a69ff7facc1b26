package dev.herald.webhooks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC over content given in parts, so callers never have to join a body with its prefix into a new String.
 * Every JDK must provide the three algorithms, so a missing one is a broken runtime, reported unchecked.
 */
public final class Hmac {

    /** The HMAC hash functions webhook providers use. */
    public enum Algorithm {
        SHA1("HmacSHA1"),
        SHA256("HmacSHA256"),
        SHA512("HmacSHA512");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    private Hmac() {
    }

    /** HMAC-SHA256 of the concatenated parts. */
    public static byte[] sha256(byte[] key, byte[]... parts) {
        return compute(Algorithm.SHA256, key, parts);
    }

    /** HMAC of the concatenated parts; the key must not be empty. */
    public static byte[] compute(Algorithm algorithm, byte[] key, byte[]... parts) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName);
            mac.init(new SecretKeySpec(key, algorithm.jcaName));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName + " is unavailable in this JDK", e);
        }
    }

    /** Compares two MACs in time that does not depend on where they differ. */
    public static boolean matches(byte[] expected, byte[] presented) {
        return presented != null && MessageDigest.isEqual(expected, presented);
    }
}
