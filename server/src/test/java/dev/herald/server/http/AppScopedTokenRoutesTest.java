package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.auth.Authenticator;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.AppTokens;
import dev.herald.server.testing.TestHerald;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every route the server has registered — read from its router, so a route added later joins by itself —
 * with tokens limited to one application: Svix-style JWTs and the app portal's access-link tokens, one of each
 * capability set. A token of another application is always refused; a token of the right application may do only
 * what its capabilities allow: read the application, its endpoints, messages, attempts and the event types
 * ({@code ViewBase}), read an endpoint's secret ({@code ViewEndpointSecret}), rotate it ({@code
 * ManageEndpointSecret}), resend, recover, replay (missing messages or in bulk) and send examples ({@code
 * CreateAttempts}), and change endpoints ({@code ManageEndpoint}, which covers secrets too). JWTs hold every
 * capability.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class AppScopedTokenRoutesTest {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> PUBLIC_ROUTES = Set.of("GET /api/v1/health", "HEAD /api/v1/health",
            "GET /api/v1/health/ping", "HEAD /api/v1/health/ping", "GET /metrics", "GET /api/v1/openapi.json",
            "* /in/{token}/{*}", "GET /portal/{*}", "GET /dashboard/{*}", "GET /",
            // between nodes: authenticated by the listener's own relay token, never by an API token
            "POST /api/v1/listen/relay/{listener_id}");
    private static final String APP = "/api/v1/app/{app_id}";
    private static final String LOGOUT = "POST /api/v1/auth/logout";
    /** What the token stands for: any token limited to an application may ask. */
    private static final String SESSION = "GET /api/v1/auth/app-portal-session";
    private static final List<String> ALL_CAPABILITIES = List.of("ViewBase", "ViewEndpointSecret",
            "ManageEndpointSecret", "ManageTransformations", "CreateAttempts", "ManageEndpoint");
    private static final Set<String> CREATING_ATTEMPTS = Set.of(
            "POST " + APP + "/msg/{msg_id}/endpoint/{endpoint_id}/resend",
            "POST " + APP + "/endpoint/{endpoint_id}/recover", "POST " + APP + "/endpoint/{endpoint_id}/replay-missing",
            "POST " + APP + "/endpoint/{endpoint_id}/bulk-replay",
            "POST " + APP + "/endpoint/{endpoint_id}/send-example");

    @Parameter
    TestHerald server;

    String app;
    String otherApp;
    String endpoint;
    String message;

    @BeforeEach
    void createTwoApplications() {
        Api admin = server.api();
        admin.post("/api/v1/event-type", Map.of("name", "user.created", "description", "a user"));
        app = admin.post("/api/v1/app", Map.of("name", "Scoped")).json().get("id").asText();
        otherApp = admin.post("/api/v1/app", Map.of("name", "Other")).json().get("id").asText();
        endpoint = admin.post("/api/v1/app/" + app + "/endpoint", Map.of("url", "http://127.0.0.1:9/hook"))
                .json().get("id").asText();
        message = admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created",
                "payload", Map.of("id", 1))).json().get("id").asText();
    }

    @Test
    void onlyTheKnownPublicRoutesNeedNoToken() {
        List<String> publicRoutes = server.herald().routes().stream()
                .filter(r -> r.access() == Router.Access.PUBLIC).map(r -> r.method() + " " + r.pattern()).toList();

        assertThat(publicRoutes).containsExactlyInAnyOrderElementsOf(PUBLIC_ROUTES);
    }

    @Test
    void tokenOfAnotherApplicationIsRefusedOnEveryRoute() {
        Api stranger = server.api().withToken(AppTokens.forApp(Authenticator.DEFAULT_ORG, otherApp));

        // the event types are the organisation's, not an application's: any portal may read them
        assertEveryRoute(stranger, route -> !route.pattern().startsWith(APP) && appTokensMayCall(route));
    }

    @Test
    void tokenOfTheApplicationMayDoOnlyWhatThePortalMay() {
        Api portal = server.api().withToken(AppTokens.forApp(Authenticator.DEFAULT_ORG, app));

        assertEveryRoute(portal, AppScopedTokenRoutesTest::appTokensMayCall);
    }

    static Stream<List<String>> capabilitySets() {
        return Stream.of(List.of("ViewBase"), List.of("ViewBase", "ViewEndpointSecret"),
                List.of("ViewBase", "ManageEndpointSecret"), List.of("ViewBase", "ManageTransformations"),
                List.of("ViewBase", "CreateAttempts"), List.of("ViewBase", "ManageEndpoint"), ALL_CAPABILITIES);
    }

    @ParameterizedTest
    @MethodSource("capabilitySets")
    void accessLinkTokenMayDoOnlyWhatItsCapabilitiesAllow(List<String> capabilities) {
        String token = server.api().post("/api/v1/auth/app-portal-access/" + app,
                Map.of("capabilities", capabilities)).json().get("token").asText();

        assertEveryRoute(server.api().withToken(token), route -> portalMayCall(route, Set.copyOf(capabilities)));
    }

    @Test
    void accessLinkTokenOfAnotherApplicationIsRefusedOnEveryRoute() {
        String token = server.api().post("/api/v1/auth/app-portal-access/" + otherApp, Map.of())
                .json().get("token").asText();

        assertEveryRoute(server.api().withToken(token), route -> !route.pattern().startsWith(APP)
                && portalMayCall(route, Set.copyOf(ALL_CAPABILITIES)));
    }

    /** Calls every route: those {@code allowed} must not be refused for the token, all others must be. */
    private void assertEveryRoute(Api api, Predicate<Router.Entry> allowed) {
        SoftAssertions each = new SoftAssertions();
        for (Router.Entry route : authenticatedRoutes()) {
            Api.Response answer = call(api, route);
            if (allowed.test(route)) {
                each.assertThat(answer.status()).as(describe(route, answer)).isBetween(200, 499).isNotIn(401, 403);
            } else {
                each.assertThat(answer.status()).as(describe(route, answer)).isIn(401, 403, 404);
            }
        }
        each.assertAll();
    }

    /** The app portal's rights, written out as the specification the routes are held to. */
    private static boolean appTokensMayCall(Router.Entry route) {
        String pattern = route.pattern();
        boolean read = route.method().equals("GET");
        return (route.method() + " " + pattern).equals(SESSION)
                || pattern.startsWith(APP + "/endpoint")
                || pattern.equals(APP + "/msg/{msg_id}/endpoint/{endpoint_id}/resend") && route.method().equals("POST")
                || read && (pattern.equals(APP) || pattern.startsWith(APP + "/"))
                || read && pattern.startsWith("/api/v1/event-type");
    }

    /** An access link's rights by capability, written out as the specification the routes are held to. */
    private static boolean portalMayCall(Router.Entry route, Set<String> capabilities) {
        String pattern = route.pattern();
        String call = route.method() + " " + pattern;
        if (call.equals(LOGOUT) || call.equals(SESSION)) {
            return true;
        }
        if (call.equals("GET " + APP + "/endpoint/{endpoint_id}/secret")) {
            return capabilities.contains("ViewEndpointSecret") || capabilities.contains("ManageEndpointSecret")
                    || capabilities.contains("ManageEndpoint");
        }
        if (call.equals("POST " + APP + "/endpoint/{endpoint_id}/secret/rotate")) {
            return capabilities.contains("ManageEndpointSecret") || capabilities.contains("ManageEndpoint");
        }
        if (CREATING_ATTEMPTS.contains(call)) {
            return capabilities.contains("CreateAttempts");
        }
        if (route.method().equals("GET")) {
            return pattern.equals(APP) || pattern.startsWith(APP + "/") || pattern.startsWith("/api/v1/event-type");
        }
        return pattern.startsWith(APP + "/endpoint") && capabilities.contains("ManageEndpoint");
    }

    /**
     * Every route that takes a token, deleting ones last so the others still find what they name, and logging out
     * after them all, since it ends the token.
     */
    private List<Router.Entry> authenticatedRoutes() {
        return server.herald().routes().stream()
                .filter(r -> r.access() == Router.Access.AUTHENTICATED)
                .sorted(Comparator.comparing((Router.Entry r) -> (r.method() + " " + r.pattern()).equals(LOGOUT))
                        .thenComparing(r -> r.method().equals("DELETE")))
                .toList();
    }

    private Api.Response call(Api api, Router.Entry route) {
        Matcher params = PARAM.matcher(route.pattern());
        String path = params.replaceAll(m -> switch (m.group(1)) {
            case "app_id" -> app;
            case "endpoint_id" -> endpoint;
            case "msg_id" -> message;
            case "event_type_name" -> "user.created";
            default -> "unknown_" + m.group(1);
        });
        Object body = Set.of("POST", "PUT", "PATCH").contains(route.method()) ? "{}" : null;
        return api.send(route.method(), path, body);
    }

    private static String describe(Router.Entry route, Api.Response answer) {
        return route.method() + " " + route.pattern() + " answered " + answer.status() + " " + answer.body();
    }
}
