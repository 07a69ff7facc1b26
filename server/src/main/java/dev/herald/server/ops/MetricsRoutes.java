package dev.herald.server.ops;

import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics} in the Prometheus text format (no token: scrapers usually sit inside the network). */
public final class MetricsRoutes implements RouteGroup {
    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/metrics", Router.Access.PUBLIC,
                call -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    }
}
