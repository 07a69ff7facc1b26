package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.time.Instant;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}, keyed with the webhook secret as UTF-8.
 * The legacy {@code X-Hub-Signature: sha1=} is checked only when the SHA-256 header is absent. GitHub sends no
 * timestamp, so freshness cannot be checked.
 */
public final class GitHubVerifier implements ProviderVerifier {

    static final String SHA256_HEADER = "X-Hub-Signature-256";
    static final String SHA1_HEADER = "X-Hub-Signature";

    private final HmacVerifier sha256;
    private final HmacVerifier sha1;

    public GitHubVerifier(String secret) {
        byte[] key = SharedSecret.utf8(secret, "GitHub webhook");
        this.sha256 = new HmacVerifier(SHA256_HEADER, Hmac.Algorithm.SHA256, SignatureEncoding.HEX, "sha256=", key);
        this.sha1 = new HmacVerifier(SHA1_HEADER, Hmac.Algorithm.SHA1, SignatureEncoding.HEX, "sha1=", key);
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        boolean legacyOnly = headers.first(SHA256_HEADER).isEmpty() && headers.first(SHA1_HEADER).isPresent();
        return (legacyOnly ? sha1 : sha256).verify(headers, body, now);
    }
}
