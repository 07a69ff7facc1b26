package dev.herald.server.endpoint;

import dev.herald.server.app.Application;
import dev.herald.server.app.Applications;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.ListQuery;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.Optional;

/** Svix API v1 {@code /api/v1/app/{app_id}/endpoint}, with the secret and header routes of each endpoint. */
public final class EndpointRoutes implements RouteGroup {
    static final String ALL = "/api/v1/app/{app_id}/endpoint";
    static final String ONE = ALL + "/{endpoint_id}";

    private final Applications apps;
    private final Endpoints endpoints;

    public EndpointRoutes(Applications apps, Endpoints endpoints) {
        this.apps = apps;
        this.endpoints = endpoints;
    }

    @Override
    public void register(Router router) {
        router.post(ALL, this::create)
                .get(ALL, this::list)
                .get(ONE, call -> Reply.ok(endpoint(call)))
                .put(ONE, this::upsert)
                .patch(ONE, this::patch)
                .delete(ONE, this::delete);
        new EndpointSecretRoutes(this::endpoint, endpoints).register(router);
        new EndpointHeaderRoutes(this::endpoint, endpoints).register(router);
    }

    /** The endpoint a call's path names, or a 404 for an unknown application or endpoint. */
    Endpoint endpoint(Call call) {
        return endpoints.require(call.principal(), app(call), call.param("endpoint_id"));
    }

    private Application app(Call call) {
        return apps.require(call.principal(), call.param("app_id"));
    }

    private Reply create(Call call) {
        Application app = app(call);
        EndpointFields fields = EndpointFields.fromInput(JsonInput.parse(call.body()));
        return Reply.created(endpoints.create(call.principal(), app, fields));
    }

    private Reply list(Call call) {
        Application app = app(call);
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), call.query("order"), false);
        return Reply.ok(endpoints.list(app, query));
    }

    /** PUT by uid keeps that uid when the body names none, so repeating the same PUT updates the same endpoint. */
    private Reply upsert(Call call) {
        Application app = app(call);
        EndpointFields fields = EndpointFields.fromInput(JsonInput.parse(call.body()));
        String key = call.param("endpoint_id");
        if (fields.uid() == null && !key.startsWith("ep_")) {
            fields = fields.withUid(key);
        }
        Optional<Endpoint> existing = endpoints.find(call.principal(), app, key);
        if (existing.isPresent()) {
            return Reply.ok(endpoints.update(call.principal(), app, existing.get(), fields));
        }
        return Reply.created(endpoints.create(call.principal(), app, fields));
    }

    private Reply patch(Call call) {
        Application app = app(call);
        Endpoint current = endpoints.require(call.principal(), app, call.param("endpoint_id"));
        EndpointFields fields = EndpointFields.patch(JsonInput.parse(call.body()), current);
        return Reply.ok(endpoints.update(call.principal(), app, current, fields));
    }

    private Reply delete(Call call) {
        Application app = app(call);
        endpoints.delete(call.principal(), app, endpoints.require(call.principal(), app, call.param("endpoint_id")));
        return Reply.noContent();
    }
}
