package dev.herald.server.http;

import dev.herald.server.endpoint.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a reply kept for an idempotency key is stored: sealed with the installation's secret key and bound to its
 * row's key. Replies carry access-link tokens, ingest URLs with their tokens, and payloads, none of which may sit in
 * the database in plain text.
 */
public final class KeptReplies {
    private final SecretCipher cipher;

    public KeptReplies(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The reply's body as it is stored in the row keyed {@code rowKey}. */
    byte[] seal(byte[] body, String rowKey) {
        return cipher.encrypt(Base64.getEncoder().encodeToString(body), rowKey).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The body stored in the row keyed {@code rowKey}; empty when it was sealed with another key (the secret key was
     * rotated) or altered. A reply kept in plain text by an earlier version (JSON, which never begins as a sealed
     * value does) is returned as it is: it expires within hours.
     */
    public Optional<byte[]> open(byte[] stored, String rowKey) {
        byte[] bytes = stored == null ? new byte[0] : stored;
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!SecretCipher.isSealed(text)) {
            return Optional.of(bytes);
        }
        try {
            return Optional.of(Base64.getDecoder().decode(cipher.decrypt(text, rowKey)));
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
