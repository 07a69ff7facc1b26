package dev.herald.server.ops;

import dev.herald.server.auth.TokenHash;
import dev.herald.server.core.ApiException;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * {@code GET /metrics} in the Prometheus text format. Open by default (scrapers usually sit inside the network);
 * with {@code HERALD_METRICS_TOKEN} set it asks for that token as a bearer token, and no other.
 */
public final class MetricsRoutes implements RouteGroup {
    private final PrometheusMeterRegistry registry;
    private final Optional<String> tokenHash;

    public MetricsRoutes(PrometheusMeterRegistry registry, Optional<String> token) {
        this.registry = registry;
        this.tokenHash = token.map(TokenHash::of);
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/metrics", Router.Access.PUBLIC, this::scrape);
    }

    private Reply scrape(Call call) {
        tokenHash.ifPresent(hash -> {
            String given = call.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                    .map(h -> h.substring(7).trim()).orElse("");
            if (!TokenHash.matches(given, hash)) {
                throw ApiException.unauthorized("GET /metrics needs the metrics token (HERALD_METRICS_TOKEN)");
            }
        });
        return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }
}
