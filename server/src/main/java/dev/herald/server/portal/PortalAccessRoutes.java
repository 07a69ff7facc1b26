package dev.herald.server.portal;

import dev.herald.server.core.JsonInput;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.time.Duration;
import java.util.List;

/**
 * Svix API v1 {@code /api/v1/auth}: app portal access links, logging out, expiring an application's links; and
 * Herald's {@code app-portal-session}, which the portal page reads first.
 */
public final class PortalAccessRoutes implements RouteGroup {
    /** Herald's addition: what the calling portal token stands for, so the page shows only what it may do. */
    public static final String SESSION = "/api/v1/auth/app-portal-session";

    private final PortalAccess access;

    public PortalAccessRoutes(PortalAccess access) {
        this.access = access;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/auth/app-portal-access/{app_id}", this::accessLink)
                .post("/api/v1/auth/logout", this::logout)
                .get(SESSION, call -> Reply.ok(access.session(call.principal())))
                .post("/api/v1/auth/app/{app_id}/expire-all", this::expireAll);
    }

    private Reply accessLink(Call call) {
        AccessLinkRequest request = AccessLinkRequest.from(JsonInput.parse(call.body()));
        return Reply.ok(access.issue(call.principal(), call.param("app_id"), request));
    }

    private Reply logout(Call call) {
        access.logout(call.principal());
        return Reply.noContent();
    }

    private Reply expireAll(Call call) {
        JsonInput in = JsonInput.parse(call.body());
        long delay = in.integer("expiry", 0, 259_200).orElse(0L);
        List<String> sessions = in.stringList("sessionIds").orElse(List.of());
        if (sessions.size() > 1000 || !sessions.stream().allMatch(s -> AccessLinkRequest.SESSION.matcher(s).matches())) {
            in.error("sessionIds", "at most 1000 session ids, each 1 to 64 letters, digits, '@', '_' or '-'");
        }
        in.check();
        access.expireAll(call.principal(), call.param("app_id"), sessions, Duration.ofSeconds(delay));
        return Reply.noContent();
    }
}
