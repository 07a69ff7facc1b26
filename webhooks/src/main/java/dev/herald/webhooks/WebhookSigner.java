package dev.herald.webhooks;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Produces the {@code webhook-signature} header value of the Standard Webhooks spec. Signs the exact body bytes,
 * never a decoded String, so any body a receiver gets verifies. Signing with several keys (one per valid secret
 * during a rotation) lets receivers holding either the old or the new secret accept the message.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /**
     * The space-separated signatures, one per key in the given order: {@code v1,<base64 HMAC-SHA256>} for a
     * {@link WebhookSecret}, {@code v1a,<base64 ed25519>} for an {@link Ed25519KeyPair} that {@link
     * Ed25519KeyPair#canSign() can sign}.
     */
    public static String sign(String msgId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is required");
        }
        byte[] content = content(msgId, timestampSeconds, body);
        StringJoiner header = new StringJoiner(" ");
        for (SigningKey key : keys) {
            header.add(switch (key) {
                case WebhookSecret secret -> v1(secret, content);
                case Ed25519KeyPair pair -> "v1a," + Base64.getEncoder().encodeToString(pair.sign(content));
            });
        }
        return header.toString();
    }

    /** One {@code v1,<base64 HMAC-SHA256>} signature. */
    public static String signV1(WebhookSecret secret, String msgId, long timestampSeconds, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        return v1(secret, content(msgId, timestampSeconds, body));
    }

    private static String v1(WebhookSecret secret, byte[] content) {
        return "v1," + Base64.getEncoder().encodeToString(Hmac.sha256(secret.hmacKey(), content));
    }

    private static byte[] content(String msgId, long timestampSeconds, byte[] body) {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(body, "body");
        return SignedContent.of(msgId, timestampSeconds, body);
    }
}
