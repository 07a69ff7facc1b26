package dev.herald.server.auth;

import dev.herald.server.core.ApiException;

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

    record Admin(String orgId) implements Principal {
    }

    record AppScoped(String orgId, String appId) implements Principal {
    }

    /** Not authenticated (public routes only). */
    record Anonymous() implements Principal {
        @Override
        public String orgId() {
            throw ApiException.unauthorized("authentication required");
        }
    }
}
