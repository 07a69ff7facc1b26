package dev.herald.webhooks;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A Standard Webhooks symmetric secret ({@code whsec_<base64>}), used for {@code v1} HMAC-SHA256 signatures.
 * Holds 24 to 75 key bytes, the range Svix accepts; neither {@link #toString()} nor any error message reveals them.
 */
public final class WebhookSecret implements SigningKey {

    static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 75;
    private static final int GENERATED_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("Webhook secret must be " + MIN_BYTES + " to " + MAX_BYTES
                    + " bytes long, got " + key.length);
        }
        this.key = key.clone();
    }

    /** Parses {@code whsec_<base64>}, or the bare base64 part, as Svix hands it out. */
    public static WebhookSecret parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded secret");
        String base64 = encoded.strip();
        if (base64.startsWith(PREFIX)) {
            base64 = base64.substring(PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Webhook secret is not valid base64 after the optional "
                    + PREFIX + " prefix");
        }
        return new WebhookSecret(key);
    }

    /** A new secret of 24 random bytes, the Svix default. */
    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** Wraps raw key bytes (copied). */
    public static WebhookSecret of(byte[] key) {
        return new WebhookSecret(Objects.requireNonNull(key, "key"));
    }

    /** The {@code whsec_<base64>} form, as shown to endpoint owners. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** A copy of the raw key bytes. */
    public byte[] key() {
        return key.clone();
    }

    byte[] hmacKey() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
