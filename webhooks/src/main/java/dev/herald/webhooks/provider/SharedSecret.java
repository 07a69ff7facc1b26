package dev.herald.webhooks.provider;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A provider's shared secret, used as HMAC key exactly as its UTF-8 bytes; rejected at construction when empty. */
final class SharedSecret {

    private SharedSecret() {
    }

    static byte[] utf8(String secret, String provider) {
        Objects.requireNonNull(secret, provider + " secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(provider + " secret must not be empty");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
