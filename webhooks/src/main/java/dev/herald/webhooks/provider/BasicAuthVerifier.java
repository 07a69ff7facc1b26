package dev.herald.webhooks.provider;

import dev.herald.webhooks.HeaderLookup;
import dev.herald.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A source that authenticates with {@code Authorization: Basic <base64 user:password>} instead of signing. The
 * credentials are compared as MACs under a random per-instance key, so the time taken reveals neither their
 * content nor their length.
 */
public final class BasicAuthVerifier implements ProviderVerifier {

    static final String HEADER = "Authorization";
    private static final String SCHEME = "Basic ";

    private final byte[] blindingKey = new byte[32];
    private final byte[] expected;

    public BasicAuthVerifier(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("Basic auth username must not contain ':'");
        }
        new SecureRandom().nextBytes(blindingKey);
        this.expected = blind((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Verification verify(HeaderLookup headers, byte[] body, Instant now) {
        Optional<String> header = headers.first(HEADER).map(String::strip);
        if (header.isEmpty()) {
            return Verification.rejected("missing " + HEADER + " header");
        }
        if (!header.get().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Verification.rejected(HEADER + " does not use the Basic scheme");
        }
        byte[] credentials;
        try {
            credentials = Base64.getDecoder().decode(header.get().substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            return Verification.rejected(HEADER + " Basic credentials are not valid base64");
        }
        return Hmac.matches(expected, blind(credentials))
                ? Verification.verified()
                : Verification.rejected(HEADER + " credentials do not match");
    }

    private byte[] blind(byte[] credentials) {
        return Hmac.sha256(blindingKey, credentials);
    }
}
