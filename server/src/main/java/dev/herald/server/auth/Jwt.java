package dev.herald.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the HS256 JWTs a Svix server issues ({@code sub} = {@code org_...}, optional {@code exp}/{@code nbf}),
 * so an operator moving from Svix keeps the tokens it generated. Only HS256 is accepted: the algorithm in the
 * header is checked, never trusted to pick the verification.
 */
public final class Jwt {
    private final byte[] secret;

    public Jwt(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The verified claims, or empty if the token is not a valid, current HS256 JWT signed with our secret. */
    public Optional<JsonNode> verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] expected = hmac(parts[0] + "." + parts[1]);
            byte[] given = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(expected, given)) {
                return Optional.empty();
            }
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long epoch = now.getEpochSecond();
            if (claims.has("exp") && claims.get("exp").asLong() < epoch) {
                return Optional.empty();
            }
            if (claims.has("nbf") && claims.get("nbf").asLong() > epoch + 60) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Issues a token (used by tests and by the CLI to mint tokens an operator can hand out). */
    public String sign(String subject, Instant issuedAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(Json.write(java.util.Map.of(
                "iat", issuedAt.getEpochSecond(), "nbf", issuedAt.getEpochSecond(),
                "iss", "herald", "sub", subject)));
        return header + "." + claims + "." + b64.encodeToString(hmac(header + "." + claims));
    }

    private byte[] hmac(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
