package dev.herald.webhooks;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An ed25519 key for {@code v1a} signatures: {@code whsk_<base64>} signs, {@code whpk_<base64 32-byte key>} verifies.
 * The secret form is the 64-byte seed-then-public-key encoding of libsodium and Svix; a bare 32-byte seed is also
 * accepted. A pair parsed from a public key can only verify. The seed never appears in {@link #toString()}.
 */
public final class Ed25519KeyPair implements SigningKey {

    static final String SECRET_PREFIX = "whsk_";
    static final String PUBLIC_PREFIX = "whpk_";
    private static final String ALGORITHM = "Ed25519";
    private static final int KEY_BYTES = 32;
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Secret(byte[] seed, PrivateKey key) {
    }

    private final byte[] publicRaw;
    private final PublicKey publicKey;
    private final Optional<Secret> secret;

    private Ed25519KeyPair(byte[] publicRaw, PublicKey publicKey, Optional<Secret> secret) {
        this.publicRaw = publicRaw;
        this.publicKey = publicKey;
        this.secret = secret;
    }

    /** A new key pair from a random seed. */
    public static Ed25519KeyPair generate() {
        byte[] seed = new byte[KEY_BYTES];
        RANDOM.nextBytes(seed);
        return fromSeed(seed);
    }

    /** Parses {@code whsk_<base64>} of a 64-byte seed-and-public-key or a 32-byte seed. */
    public static Ed25519KeyPair parseSecret(String encoded) {
        byte[] bytes = decode(encoded, SECRET_PREFIX, "ed25519 secret key");
        if (bytes.length != KEY_BYTES && bytes.length != 2 * KEY_BYTES) {
            throw new IllegalArgumentException("ed25519 secret key must be 32 or 64 bytes, got " + bytes.length);
        }
        Ed25519KeyPair pair = fromSeed(Arrays.copyOf(bytes, KEY_BYTES));
        byte[] givenPublic = Arrays.copyOfRange(bytes, KEY_BYTES, bytes.length);
        if (givenPublic.length > 0 && !Arrays.equals(pair.publicRaw, givenPublic)) {
            throw new IllegalArgumentException("ed25519 secret key's public half does not belong to its seed");
        }
        return pair;
    }

    /** Parses {@code whpk_<base64 32-byte raw public key>}; the result verifies but cannot sign. */
    public static Ed25519KeyPair parsePublic(String encoded) {
        byte[] raw = decode(encoded, PUBLIC_PREFIX, "ed25519 public key");
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("ed25519 public key must be 32 bytes, got " + raw.length);
        }
        byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, x509, X509_PREFIX.length, KEY_BYTES);
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
            return new Ed25519KeyPair(raw, key, Optional.empty());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ed25519 public key is not a valid key", e);
        }
    }

    /** {@code whsk_} and base64 of seed followed by public key; only for a pair that {@link #canSign()}. */
    public String secretKey() {
        Secret s = secret.orElseThrow(() -> new IllegalStateException("this ed25519 key pair holds only a public key"));
        byte[] both = Arrays.copyOf(s.seed(), 2 * KEY_BYTES);
        System.arraycopy(publicRaw, 0, both, KEY_BYTES, KEY_BYTES);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(both);
    }

    /** {@code whpk_} and base64 of the 32-byte raw public key, safe to hand to receivers. */
    public String publicKey() {
        return PUBLIC_PREFIX + Base64.getEncoder().encodeToString(publicRaw);
    }

    /** Whether this pair holds the secret half, so it can sign. */
    public boolean canSign() {
        return secret.isPresent();
    }

    byte[] sign(byte[] content) {
        Secret s = secret.orElseThrow(
                () -> new IllegalArgumentException("cannot sign with an ed25519 public key only"));
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(s.key());
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ed25519 signing failed", e);
        }
    }

    boolean verify(byte[] content, byte[] presented) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(content);
            return signature.verify(presented);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Ed25519KeyPair fromSeed(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(seed, ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(null))) {
                throw new IllegalStateException("the JDK's ed25519 generator did not use the given seed");
            }
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - KEY_BYTES, x509.length);
            return new Ed25519KeyPair(raw, pair.getPublic(), Optional.of(new Secret(seed.clone(), pair.getPrivate())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ed25519 is unavailable in this JDK", e);
        }
    }

    private static byte[] decode(String encoded, String prefix, String what) {
        Objects.requireNonNull(encoded, what);
        String base64 = encoded.strip();
        if (!base64.startsWith(prefix)) {
            throw new IllegalArgumentException(what + " must start with " + prefix);
        }
        try {
            return Base64.getDecoder().decode(base64.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64 after " + prefix);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519KeyPair that && Arrays.equals(publicRaw, that.publicRaw)
                && canSign() == that.canSign();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicRaw) * 31 + Boolean.hashCode(canSign());
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[" + publicKey() + (canSign() ? ", secret redacted]" : "]");
    }

    /** Derives a key pair from a known seed: the JDK's generator draws exactly one key-length of random bytes. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
