package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.time.Instant;
import java.util.Optional;

/**
 * DocuSign Connect: {@code X-DocuSign-Signature-1: <base64 HMAC-SHA256 of the body>} keyed with a Connect HMAC key
 * as UTF-8. With several active keys DocuSign sends one header per key, numbered from 1 (up to 100), so the request
 * is verified when any of them matches this key. DocuSign signs no timestamp, so freshness cannot be checked.
 */
public final class DocuSignVerifier implements ProviderVerifier {

    static final String HEADER_PREFIX = "X-DocuSign-Signature-";
    private static final int MAX_HEADERS = 100;

    private final byte[] key;

    public DocuSignVerifier(String hmacKey) {
        this.key = SharedSecret.utf8(hmacKey, "DocuSign Connect HMAC");
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        byte[] expected = Hmac.sha256(key, body);
        boolean any = false;
        for (int n = 1; n <= MAX_HEADERS; n++) {
            Optional<String> signature = headers.first(HEADER_PREFIX + n);
            if (signature.isEmpty()) {
                break;
            }
            any = true;
            if (SignatureEncoding.BASE64.matches(expected, signature.get())) {
                return Verification.verified();
            }
        }
        return any ? Verification.rejected("no " + HEADER_PREFIX + "<n> header matches the body")
                : Verification.rejected("missing " + HEADER_PREFIX + "1 header");
    }
}
