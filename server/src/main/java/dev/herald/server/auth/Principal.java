package dev.herald.server.auth;

import dev.herald.server.core.ApiException;
import java.util.Optional;
import java.util.Set;

/** Who is calling: the organisation's administrator, or a token limited to one application (app portal). */
public sealed interface Principal {
    /** The organisation whose data the caller sees; Herald keeps every organisation's rows apart by this id. */
    String orgId();

    /** Refuses (403) a caller that may not act on the whole organisation. */
    default void requireOrgAccess() {
        if (!(this instanceof Admin)) {
            throw ApiException.forbidden("this token is limited to one application");
        }
    }

    /** Refuses (403) a caller that may not see the given application. */
    default void requireApp(String appId) {
        if (this instanceof AppScoped scoped && !scoped.appId().equals(appId)) {
            throw ApiException.forbidden("this token may not access that application");
        }
    }

    /**
     * Whether the caller sees something behind these feature flags (null or empty: none): an app token only when it
     * holds one of them, everyone else always.
     */
    default boolean seesFeature(java.util.List<String> featureFlags) {
        return featureFlags == null || featureFlags.isEmpty() || !(this instanceof AppScoped scoped)
                || featureFlags.stream().anyMatch(scoped.featureFlags()::contains);
    }

    record Admin(String orgId) implements Principal {
    }

    /**
     * A token limited to one application: an app portal link's (with its capabilities, feature flags and the hash
     * that names it for logging out) or a Svix-style JWT with an {@code app} claim (every capability).
     */
    record AppScoped(String orgId, String appId, Set<PortalCapability> capabilities, Set<String> featureFlags,
                     Optional<String> tokenHash) implements Principal {
        public AppScoped {
            capabilities = Set.copyOf(capabilities);
            featureFlags = Set.copyOf(featureFlags);
        }

        /** A JWT's scope: every capability, no feature flags, nothing to log out. */
        public AppScoped(String orgId, String appId) {
            this(orgId, appId, PortalCapability.all(), Set.of(), Optional.empty());
        }

        @Override
        public String toString() {
            return "AppScoped[orgId=" + orgId + ", appId=" + appId + ", capabilities=" + capabilities + "]";
        }
    }

    /** Not authenticated (public routes only). */
    record Anonymous() implements Principal {
        @Override
        public String orgId() {
            throw ApiException.unauthorized("authentication required");
        }
    }
}
