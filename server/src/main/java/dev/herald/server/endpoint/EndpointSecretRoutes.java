package dev.herald.server.endpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.server.core.JsonInput;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** An endpoint's signing secret: read the current one, rotate to a new one with a grace period for the old. */
final class EndpointSecretRoutes implements RouteGroup {
    private final String endpointPath;
    private final Function<Call, Endpoint> endpointOf;
    private final Endpoints endpoints;

    EndpointSecretRoutes(String endpointPath, Function<Call, Endpoint> endpointOf, Endpoints endpoints) {
        this.endpointPath = endpointPath;
        this.endpointOf = endpointOf;
        this.endpoints = endpoints;
    }

    @Override
    public void register(Router router) {
        router.get(endpointPath + "/secret",
                        call -> Reply.ok(Map.of("key", endpoints.secret(endpointOf.apply(call)).encoded())))
                .post(endpointPath + "/secret/rotate", this::rotate);
    }

    private Reply rotate(Call call) {
        Endpoint endpoint = endpointOf.apply(call);
        JsonInput in = call.body().length == 0
                ? JsonInput.of(JsonNodeFactory.instance.objectNode()) : JsonInput.parse(call.body());
        Optional<EndpointSecret> key = EndpointSecret.read(in, "key");
        Duration grace = in.integer("gracePeriodSeconds", 0, Endpoints.MAX_GRACE.toSeconds())
                .map(Duration::ofSeconds).orElse(Endpoints.DEFAULT_GRACE);
        in.check();
        endpoints.rotateSecret(endpoint, key, grace);
        return Reply.noContent();
    }
}
