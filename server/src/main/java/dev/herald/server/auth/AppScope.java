package dev.herald.server.auth;

import static dev.herald.server.auth.PortalCapability.CREATE_ATTEMPTS;
import static dev.herald.server.auth.PortalCapability.MANAGE_ENDPOINT;
import static dev.herald.server.auth.PortalCapability.MANAGE_ENDPOINT_SECRET;
import static dev.herald.server.auth.PortalCapability.VIEW_BASE;
import static dev.herald.server.auth.PortalCapability.VIEW_ENDPOINT_SECRET;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a token limited to one application (as the app portal hands out) may call, decided by route and by the
 * token's capabilities before any route runs. {@code ViewBase} reads the application, its endpoints, messages,
 * attempts and stats, and the event types; an endpoint's secret needs {@code ViewEndpointSecret}, rotating it
 * {@code ManageEndpointSecret}; resending, recovering, replaying (missing messages or in bulk) and sending examples
 * need {@code CreateAttempts};
 * every other change to endpoints needs {@code ManageEndpoint} (which also covers secrets). Everything else —
 * creating or changing applications, event types, messages, inbound sources, background tasks, access links — is
 * refused, and so is every route added later until it is named here. The route itself then checks that the path's
 * application is the token's own.
 */
public final class AppScope {
    private static final String APP = "/api/v1/app/{app_id}";
    private static final String ENDPOINTS = APP + "/endpoint";
    private static final String ENDPOINT = ENDPOINTS + "/{endpoint_id}";
    private static final String EVENT_TYPES = "/api/v1/event-type";
    private static final Set<String> ATTEMPT_CREATING = Set.of(
            APP + "/msg/{msg_id}/endpoint/{endpoint_id}/resend", ENDPOINT + "/recover",
            ENDPOINT + "/replay-missing", ENDPOINT + "/bulk-replay", ENDPOINT + "/send-example");

    private AppScope() {
    }

    /** Whether a token with these capabilities may call the route at all. */
    public static boolean permits(String method, String routePattern, Set<PortalCapability> capabilities) {
        return !Collections.disjoint(needs(method, routePattern), capabilities);
    }

    /** The capabilities any one of which opens the route (empty: none does). */
    static Set<PortalCapability> needs(String method, String pattern) {
        boolean read = method.equals("GET");
        if (method.equals("POST") && pattern.equals("/api/v1/auth/logout")
                || read && pattern.equals("/api/v1/auth/app-portal-session")) {
            return PortalCapability.all();
        }
        if (read && pattern.equals(ENDPOINT + "/secret")) {
            return EnumSet.of(VIEW_ENDPOINT_SECRET, MANAGE_ENDPOINT_SECRET, MANAGE_ENDPOINT);
        }
        if (method.equals("POST") && pattern.equals(ENDPOINT + "/secret/rotate")) {
            return EnumSet.of(MANAGE_ENDPOINT_SECRET, MANAGE_ENDPOINT);
        }
        if (method.equals("POST") && ATTEMPT_CREATING.contains(pattern)) {
            return EnumSet.of(CREATE_ATTEMPTS);
        }
        if (read && (pattern.equals(APP) || pattern.startsWith(APP + "/")
                || pattern.equals(EVENT_TYPES) || pattern.startsWith(EVENT_TYPES + "/"))) {
            return EnumSet.of(VIEW_BASE);
        }
        if (pattern.equals(ENDPOINTS) || pattern.startsWith(ENDPOINTS + "/")) {
            return EnumSet.of(MANAGE_ENDPOINT);
        }
        return EnumSet.noneOf(PortalCapability.class);
    }
}
