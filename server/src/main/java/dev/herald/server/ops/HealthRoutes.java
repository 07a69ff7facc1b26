package dev.herald.server.ops;

import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/v1/health}: 204 when every check passes (Svix answers 204 too), else 503 naming the failing
 * checks. {@code /api/v1/health/ping} only says the process answers.
 */
public final class HealthRoutes implements RouteGroup {
    private final Map<String, BooleanSupplier> checks;

    public HealthRoutes(Map<String, BooleanSupplier> checks) {
        this.checks = Map.copyOf(checks);
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/v1/health", Router.Access.PUBLIC, call -> health())
                .add("HEAD", "/api/v1/health", Router.Access.PUBLIC, call -> health())
                .add("GET", "/api/v1/health/ping", Router.Access.PUBLIC, call -> Reply.noContent())
                .add("HEAD", "/api/v1/health/ping", Router.Access.PUBLIC, call -> Reply.noContent());
    }

    private Reply health() {
        Map<String, String> failing = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            if (!check.getAsBoolean()) {
                failing.put(name, "down");
            }
        });
        if (failing.isEmpty()) {
            return Reply.noContent();
        }
        return Reply.json(503, Map.of("code", "unhealthy", "detail", "not ready: " + failing.keySet()));
    }
}
