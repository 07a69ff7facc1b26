package dev.herald.server.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way each provider documents it, computed here from the published algorithms with the JDK's
 * own HMAC (deliberately not with Herald's webhooks module, which is what is under test).
 */
final class ProviderSigning {
    private ProviderSigning() {
    }

    /**
     * GitHub (and Meta, with its app secret): {@code X-Hub-Signature-256: sha256=} + hex HMAC-SHA256 of the body,
     * keyed with the secret.
     */
    static String github(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", utf8(secret), body));
    }

    /** Stripe: {@code Stripe-Signature: t=<t>,v1=} + hex HMAC-SHA256 of {@code <t>.<body>}, keyed with the text. */
    static String stripe(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                hmac("HmacSHA256", utf8(secret), utf8(timestamp + "."), body));
    }

    /** Shopify: {@code X-Shopify-Hmac-Sha256:} base64 HMAC-SHA256 of the body, keyed with the client secret. */
    static String shopify(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA256", utf8(secret), body));
    }

    /** Slack: {@code X-Slack-Signature: v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}. */
    static String slack(String secret, long timestamp, byte[] body) {
        return "v0=" + HexFormat.of().formatHex(hmac("HmacSHA256", utf8(secret), utf8("v0:" + timestamp + ":"), body));
    }

    /** Zoom: {@code x-zm-signature:} the same value as Slack's, over the timestamp of {@code x-zm-request-timestamp}. */
    static String zoom(String secretToken, long timestamp, byte[] body) {
        return slack(secretToken, timestamp, body);
    }

    /** Zoom's URL validation answer: hex HMAC-SHA256 of the {@code plainToken}, keyed with the secret token. */
    static String zoomEncryptedToken(String secretToken, String plainToken) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", utf8(secretToken), utf8(plainToken)));
    }

    /** Tailscale: {@code Tailscale-Webhook-Signature:} the same value as Stripe's {@code Stripe-Signature}. */
    static String tailscale(String secret, long timestamp, byte[] body) {
        return stripe(secret, timestamp, body);
    }

    /** DocuSign Connect: {@code X-DocuSign-Signature-<n>:} base64 HMAC-SHA256 of the body, keyed with the HMAC key. */
    static String docuSign(String hmacKey, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA256", utf8(hmacKey), body));
    }

    /** Airwallex: {@code x-signature:} hex HMAC-SHA256 of {@code <x-timestamp><body>}, the timestamp in milliseconds. */
    static String airwallex(String secret, long timestampMillis, byte[] body) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", utf8(secret), utf8(Long.toString(timestampMillis)), body));
    }

    /**
     * Standard Webhooks: {@code v1,} + base64 HMAC-SHA256 of {@code <id>.<timestamp>.<body>}, keyed with the
     * base64-decoded part of the {@code whsec_} secret.
     */
    static String standardWebhooks(String secret, String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(
                hmac("HmacSHA256", key, utf8(id + "." + timestamp + "."), body));
    }

    /** A generic HMAC of the body with the JCA algorithm name, hex or base64. */
    static String hmacOfBody(String jcaAlgorithm, String secret, byte[] body, boolean base64) {
        byte[] mac = hmac(jcaAlgorithm, utf8(secret), body);
        return base64 ? Base64.getEncoder().encodeToString(mac) : HexFormat.of().formatHex(mac);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
