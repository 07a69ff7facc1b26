package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A generic HMAC source: one header holds {@code <prefix><encoded HMAC of the raw body>}. Covers providers that sign
 * the body alone, such as GitHub ({@code sha256=}, hex) and Shopify (no prefix, base64). The prefix is matched
 * ignoring case.
 */
public final class HmacVerifier implements ProviderVerifier {

    private final String headerName;
    private final Hmac.Algorithm algorithm;
    private final SignatureEncoding encoding;
    private final String prefix;
    private final byte[] key;

    public HmacVerifier(String headerName, Hmac.Algorithm algorithm, SignatureEncoding encoding, String prefix,
            byte[] key) {
        this.headerName = Objects.requireNonNull(headerName, "headerName");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (Objects.requireNonNull(key, "key").length == 0) {
            throw new IllegalArgumentException("HMAC key for " + headerName + " must not be empty");
        }
        this.key = key.clone();
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        Optional<String> header = headers.first(headerName);
        if (header.isEmpty()) {
            return Verification.rejected("missing " + headerName + " header");
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Verification.rejected(headerName + " does not start with '" + prefix + "'");
        }
        byte[] expected = Hmac.compute(algorithm, key, body);
        return encoding.matches(expected, value.substring(prefix.length()))
                ? Verification.verified()
                : Verification.rejected(headerName + " does not match the body");
    }
}
