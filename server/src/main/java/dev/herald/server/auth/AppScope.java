package dev.herald.server.auth;

/**
 * What a token limited to one application (as the app portal hands out) may call, decided by route before any
 * route runs: that application's endpoints (including their secrets, headers, tests and recovery), resending its
 * messages to them, reading the application, its messages and attempts, and reading the event types to subscribe
 * to. Everything else — creating or changing applications, event types, messages, inbound sources, background
 * tasks — is refused, and so is every route added later until it is named here. The route itself then checks that
 * the path's application is the token's own.
 */
public final class AppScope {
    private static final String APP = "/api/v1/app/{app_id}";
    private static final String ENDPOINTS = APP + "/endpoint";
    private static final String EVENT_TYPES = "/api/v1/event-type";

    private AppScope() {
    }

    public static boolean permits(String method, String routePattern) {
        if (routePattern.equals(ENDPOINTS) || routePattern.startsWith(ENDPOINTS + "/")) {
            return true;
        }
        if (method.equals("POST") && routePattern.equals(APP + "/msg/{msg_id}/endpoint/{endpoint_id}/resend")) {
            return true;
        }
        return method.equals("GET") && (routePattern.equals(APP) || routePattern.startsWith(APP + "/")
                || routePattern.equals(EVENT_TYPES) || routePattern.startsWith(EVENT_TYPES + "/"));
    }
}
