package dev.herald.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.ApiException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Principal}: the admin token (compared by hash), an app
 * portal token, or a Svix-style JWT when a JWT secret is configured. Every failure is the same 401, so a caller
 * learns nothing about which part was wrong.
 */
public final class Authenticator {
    /** The organisation of the admin token: the same id a Svix server puts in the JWTs it generates by default. */
    public static final String DEFAULT_ORG = "org_23rb8YdGqMT0qIzpgGwdXfHirMu";

    private final String adminTokenHash;
    private final Optional<Jwt> jwt;
    private final Clock clock;
    private final String portalPrefix;
    private final Function<String, Optional<Principal>> portalTokens;
    private volatile String lastAdminToken;

    /** {@code portalTokens} looks up the app portal's tokens, which start with {@code portalPrefix}. */
    public Authenticator(String adminTokenHash, Optional<Jwt> jwt, Clock clock, String portalPrefix,
                         Function<String, Optional<Principal>> portalTokens) {
        this.adminTokenHash = adminTokenHash;
        this.jwt = jwt;
        this.clock = clock;
        this.portalPrefix = portalPrefix;
        this.portalTokens = portalTokens;
    }

    public Principal authenticate(Optional<String> authorization) {
        String token = authorization
                .map(String::trim)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty())
                .orElseThrow(() -> ApiException.unauthorized("missing or malformed Authorization: Bearer header"));
        if (token.startsWith(portalPrefix)) {
            return portalTokens.apply(token).orElseThrow(() -> ApiException.unauthorized("invalid token"));
        }
        String known = lastAdminToken;
        if (known != null && java.security.MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                known.getBytes(java.nio.charset.StandardCharsets.UTF_8)) || TokenHash.matches(token, adminTokenHash)) {
            lastAdminToken = token; // a constant-time compare instead of rehashing the admin token on every request
            return new Principal.Admin(DEFAULT_ORG);
        }
        return jwt.flatMap(j -> j.verify(token, clock.instant()))
                .flatMap(Authenticator::principalOf)
                .orElseThrow(() -> ApiException.unauthorized("invalid token"));
    }

    private static Optional<Principal> principalOf(JsonNode claims) {
        String sub = claims.path("sub").asText("");
        if (!sub.startsWith("org_")) {
            return Optional.empty();
        }
        String app = claims.path("app").asText("");
        return Optional.of(app.isEmpty() ? new Principal.Admin(sub) : new Principal.AppScoped(sub, app));
    }
}
