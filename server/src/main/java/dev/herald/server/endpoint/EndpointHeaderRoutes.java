package dev.herald.server.endpoint;

import dev.herald.server.core.JsonInput;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.Map;
import java.util.function.Function;

/** An endpoint's custom headers: read (credentials withheld), replace, or change some. */
final class EndpointHeaderRoutes implements RouteGroup {
    private final String headersPath;
    private final Function<Call, Endpoint> endpointOf;
    private final Endpoints endpoints;

    EndpointHeaderRoutes(String endpointPath, Function<Call, Endpoint> endpointOf, Endpoints endpoints) {
        this.headersPath = endpointPath + "/headers";
        this.endpointOf = endpointOf;
        this.endpoints = endpoints;
    }

    @Override
    public void register(Router router) {
        router.get(headersPath, call -> Reply.ok(EndpointHeaders.View.of(endpointOf.apply(call).headers())))
                .put(headersPath, this::replace)
                .patch(headersPath, this::patch);
    }

    private Reply replace(Call call) {
        Endpoint endpoint = endpointOf.apply(call);
        JsonInput in = JsonInput.parse(call.body());
        if (in.node("headers").isEmpty()) {
            in.error("headers", "field required");
        }
        Map<String, String> headers = EndpointHeaders.read(in, "headers").orElse(Map.of());
        in.check();
        endpoints.replaceHeaders(endpoint, headers);
        return Reply.noContent();
    }

    private Reply patch(Call call) {
        Endpoint endpoint = endpointOf.apply(call);
        JsonInput in = JsonInput.parse(call.body());
        Map<String, String> headers = EndpointHeaders.patch(in, endpoint.headers());
        in.check();
        endpoints.replaceHeaders(endpoint, headers);
        return Reply.noContent();
    }
}
