package dev.herald.server.portal;

import dev.herald.server.app.Application;
import dev.herald.server.app.ApplicationFields;
import dev.herald.server.app.Applications;
import dev.herald.server.auth.PortalCapability;
import dev.herald.server.auth.Principal;
import dev.herald.server.auth.TokenHash;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.core.JsonInput;
import dev.herald.server.store.Database;
import dev.herald.server.web.WebPages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Access links to the app portal: issues a token limited to one application and its capabilities (kept only as a
 * hash), turns a presented token back into who it stands for, and ends tokens (log out, expire all). The link is
 * the portal's page with the token in the URL's fragment, which browsers never send to a server or a referrer.
 */
public final class PortalAccess {
    /** The prefix of every portal token, so the authenticator knows where to look it up. */
    public static final String TOKEN_PREFIX = "appsk_";
    public static final String PORTAL_PATH = WebPages.PORTAL;

    private final PortalTokenStore store;
    private final Applications apps;
    private final Ids ids;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    public PortalAccess(Database db, Applications apps, Ids ids, Clock clock, Supplier<String> baseUrl) {
        this.store = new PortalTokenStore(db);
        this.apps = apps;
        this.ids = ids;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** A new link's URL and token ({@code AppPortalAccessOut}). */
    public record AccessLink(String url, String token) {
        @Override
        public String toString() {
            return "AccessLink[url=" + PORTAL_PATH + "]";
        }
    }

    AccessLink issue(Principal who, String appIdOrUid, AccessLinkRequest request) {
        who.requireOrgAccess();
        Application app = apps.find(who, appIdOrUid).orElseGet(() -> createApp(who, appIdOrUid, request));
        String token = TOKEN_PREFIX + ids.randomToken(40);
        Instant now = clock.instant();
        store.insert(new PortalTokenStore.Row(TokenHash.of(token), who.orgId(), app.id(), request.capabilities(),
                request.featureFlags(), request.sessionId(), now.plus(request.expiry())), now);
        return new AccessLink(baseUrl.get() + PORTAL_PATH + "#key=" + token, token);
    }

    private Application createApp(Principal who, String key, AccessLinkRequest request) {
        if (request.application().isEmpty()) {
            throw ApiException.notFound("application");
        }
        ApplicationFields fields = ApplicationFields.fromInput(JsonInput.of(request.application().get()));
        if (fields.uid() == null && !key.startsWith("app_")) {
            fields = new ApplicationFields(fields.name(), key, fields.throttleRate(), fields.metadata());
        }
        return apps.create(who, fields);
    }

    /** Who a portal token stands for, while it is neither expired nor ended. */
    public Optional<Principal> authenticate(String token) {
        String hash = TokenHash.of(token);
        return store.findValid(hash, clock.instant()).map(row -> new Principal.AppScoped(row.orgId(), row.appId(),
                row.capabilities(), row.featureFlags(), Optional.of(row.tokenHash())));
    }

    /** What the portal page shows and offers: the token's application and what it may do there. */
    record Session(String appId, String appName, List<String> capabilities, List<String> featureFlags) {
    }

    Session session(Principal who) {
        if (!(who instanceof Principal.AppScoped scoped)) {
            throw ApiException.forbidden("only a token limited to one application has a portal session");
        }
        Application app = apps.require(who, scoped.appId());
        return new Session(app.id(), app.name(),
                scoped.capabilities().stream().sorted().map(PortalCapability::wireName).toList(),
                scoped.featureFlags().stream().sorted().toList());
    }

    /** Ends the calling token; only a portal token can be logged out. */
    void logout(Principal who) {
        if (!(who instanceof Principal.AppScoped scoped) || scoped.tokenHash().isEmpty()) {
            throw ApiException.forbidden("only an app portal token can be logged out");
        }
        store.expire(scoped.tokenHash().get(), clock.instant());
    }

    /** Ends the application's tokens (of these sessions, when any are named), now or after {@code delay}. */
    void expireAll(Principal who, String appIdOrUid, List<String> sessionIds, Duration delay) {
        who.requireOrgAccess();
        Application app = apps.require(who, appIdOrUid);
        store.expireAll(app.id(), sessionIds, clock.instant().plus(delay));
    }
}
