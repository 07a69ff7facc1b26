package dev.herald.server.endpoint;

import dev.herald.server.core.JsonInput;
import dev.herald.webhooks.Ed25519KeyPair;
import dev.herald.webhooks.SigningKey;
import dev.herald.webhooks.WebhookSecret;
import java.util.Optional;

/**
 * An endpoint's signing secret as Svix hands it out: {@code whsec_<base64 of 24-75 bytes>} for HMAC signatures
 * ({@code v1}) or {@code whsk_<base64>} for ed25519 ({@code v1a}). Parsed once at the edge, so everything past it
 * holds a usable key; {@link #toString()} never shows it.
 */
public final class EndpointSecret {
    private static final String RULE =
            "must be whsec_ followed by base64 of 24 to 75 bytes, or a whsk_ ed25519 secret key";

    private final String encoded;
    private final SigningKey key;

    private EndpointSecret(String encoded, SigningKey key) {
        this.encoded = encoded;
        this.key = key;
    }

    /** Parses either form (a bare base64 HMAC key is taken as whsec_); throws IllegalArgumentException if invalid. */
    public static EndpointSecret parse(String text) {
        if (text.strip().startsWith("whsk_")) {
            Ed25519KeyPair pair = Ed25519KeyPair.parseSecret(text);
            return new EndpointSecret(pair.secretKey(), pair);
        }
        WebhookSecret secret = WebhookSecret.parse(text);
        return new EndpointSecret(secret.encoded(), secret);
    }

    /** A new HMAC secret of 24 random bytes, as Svix generates. */
    public static EndpointSecret generate() {
        WebhookSecret secret = WebhookSecret.generate();
        return new EndpointSecret(secret.encoded(), secret);
    }

    /** Reads an optional secret field of a request body, recording a 422 error when it is not a valid secret. */
    static Optional<EndpointSecret> read(JsonInput in, String field) {
        Optional<String> text = in.string(field);
        try {
            return text.map(EndpointSecret::parse);
        } catch (IllegalArgumentException e) {
            in.error(field, RULE);
            return Optional.empty();
        }
    }

    /** The canonical {@code whsec_…} or {@code whsk_…} text, as shown to the endpoint's owner. */
    public String encoded() {
        return encoded;
    }

    public SigningKey signingKey() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EndpointSecret that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "EndpointSecret[redacted]";
    }
}
