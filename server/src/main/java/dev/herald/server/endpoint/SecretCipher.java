package dev.herald.server.endpoint;

import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.store.StoredSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. Every value gets a fresh random 12-byte nonce and is stored as
 * {@code v1:} + base64(nonce || ciphertext and tag), bound to the id of the row that holds it: a changed byte, a
 * wrong key or a value copied to another row fails to decrypt rather than yielding a wrong secret.
 */
public final class SecretCipher {
    /** How every sealed value starts; nothing stored in plain text starts so. */
    static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final String CHECK_SETTING = "secret_key_check";
    static final String CHECK_TEXT = "herald secret key check";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** A cipher whose AES key is the SHA-256 of the given key material. */
    SecretCipher(String keyMaterial) {
        this.key = new SecretKeySpec(sha256(keyMaterial), "AES");
    }

    /**
     * The cipher for this installation: keyed by HERALD_SECRET_KEY, else by a key generated at first start (see
     * {@link SecretKeySource}). Refuses to start when the key is not the one that encrypted the stored secrets.
     */
    public static SecretCipher open(Config config, StoredSettings settings) {
        if (settings.get(SecretKeyRotation.IN_PROGRESS).isPresent()) {
            throw new ConfigException("a secret key rotation was interrupted and the stored secrets are under two keys; "
                    + "finish it by running ./herald rotate-secret-key again with the same --new-key");
        }
        SecretCipher cipher = new SecretCipher(SecretKeySource.material(config, settings));
        String check = settings.putIfAbsent(CHECK_SETTING, cipher.encrypt(CHECK_TEXT, CHECK_SETTING));
        try {
            cipher.decrypt(check, CHECK_SETTING);
        } catch (IllegalStateException e) {
            throw new ConfigException("the secret key (secret-key / HERALD_SECRET_KEY, else the generated "
                    + SecretKeySource.FILE_NAME + ") is not the key that encrypted the endpoint secrets in this store; "
                    + "start with the original key");
        }
        return cipher;
    }

    /**
     * For {@code herald migrate-store}, after the embedded store's settings and secrets were copied to PostgreSQL:
     * moves the key that encrypts them along (see {@link SecretKeySource}) and proves that it opens the copied
     * secrets. Returns true when the key now lives in the database, false when HERALD_SECRET_KEY supplies it (and
     * every PostgreSQL node needs that same setting).
     */
    public static boolean moveEmbeddedKey(Config config, StoredSettings target) {
        String key = SecretKeySource.embeddedKey(config);
        SecretCipher cipher = new SecretCipher(key);
        target.get(CHECK_SETTING).ifPresent(check -> {
            try {
                cipher.decrypt(check, CHECK_SETTING);
            } catch (IllegalStateException e) {
                throw new ConfigException("the secret key (secret-key / HERALD_SECRET_KEY, else "
                        + SecretKeySource.FILE_NAME + " in the data dir) does not open the copied endpoint secrets");
            }
        });
        if (config.secretKey().isPresent()) {
            return false;
        }
        SecretKeySource.storeForPostgres(target, key);
        return true;
    }

    /** Whether the stored value is in the sealed format (plain text an earlier version stored is not). */
    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** Seals the plaintext for the row named by {@code boundTo} (e.g. its id). */
    public String encrypt(String plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, boundTo)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext; throws IllegalStateException when the value was altered, moved or sealed with another key. */
    public String decrypt(String stored, String boundTo) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("stored secret is not in the v1 encrypted format");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (raw.length <= NONCE_BYTES) {
                throw new IllegalStateException("stored secret is truncated");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(raw, NONCE_BYTES), boundTo);
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored secret cannot be decrypted: wrong secret key or altered data");
        }
    }

    /** The plaintext if this cipher's key sealed the value for that row; empty for another key or altered data. */
    Optional<String> open(String stored, String boundTo) {
        try {
            return Optional.of(decrypt(stored, boundTo));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String boundTo) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] sha256(String material) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key redacted]";
    }
}
