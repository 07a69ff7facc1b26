package dev.herald.server.auth;

import dev.herald.server.core.Config;
import dev.herald.server.core.Ids;
import dev.herald.server.store.StoredSettings;
import java.util.Optional;

/**
 * Decides the admin token's hash at start: the configured token, else the one generated at first start. A newly
 * generated token is returned once so it can be shown to the operator; only its hash is stored.
 */
public final class AdminToken {
    private static final String SETTING = "admin_token_sha256";

    /** The hash to check requests against, and the token itself when it was generated just now. */
    public record Resolved(String hash, Optional<String> generated) {
        @Override
        public String toString() {
            return "AdminToken.Resolved[generated=" + generated.isPresent() + "]";
        }
    }

    private AdminToken() {
    }

    public static Resolved resolve(Config config, StoredSettings settings, Ids ids) {
        if (config.adminToken().isPresent()) {
            return new Resolved(TokenHash.of(config.adminToken().get()), Optional.empty());
        }
        Optional<String> stored = settings.get(SETTING);
        if (stored.isPresent()) {
            return new Resolved(stored.get(), Optional.empty());
        }
        String token = "sk_" + ids.randomToken(43);
        String hash = settings.putIfAbsent(SETTING, TokenHash.of(token));
        boolean ours = hash.equals(TokenHash.of(token));
        return new Resolved(hash, ours ? Optional.of(token) : Optional.empty());
    }

    /** Replaces the stored token with a new one (the CLI's reset); returns the new token. */
    public static String reset(StoredSettings settings, Ids ids) {
        String token = "sk_" + ids.randomToken(43);
        settings.put(SETTING, TokenHash.of(token));
        return token;
    }
}
