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
import java.util.function.Function;

/**
 * Svix API v1 {@code /api/v1/app/{app_id}/endpoint}, with the secret and header routes of each endpoint. The same
 * routes also serve under another prefix whose application is found another way ({@link #under}): an ingest
 * source's endpoints are the endpoints of the application behind it, and the operational webhook endpoints those
 * of the organisation's reserved application.
 */
public final class EndpointRoutes implements RouteGroup {
    private final String all;
    private final String one;
    private final Function<Call, Application> appOf;
    private final Endpoints endpoints;
    private final Function<Endpoint, Object> view;
    /** What a PUT that creates answers: 201 for application endpoints, 200 (Svix's only one) for operational ones. */
    private final int createdByPut;

    public EndpointRoutes(Applications apps, Endpoints endpoints) {
        this("/api/v1/app/{app_id}/endpoint", call -> apps.require(call.principal(), call.param("app_id")),
                endpoints, endpoint -> endpoint, 201);
    }

    private EndpointRoutes(String all, Function<Call, Application> appOf, Endpoints endpoints,
                           Function<Endpoint, Object> view, int createdByPut) {
        this.all = all;
        this.one = all + "/{endpoint_id}";
        this.appOf = appOf;
        this.endpoints = endpoints;
        this.view = view;
        this.createdByPut = createdByPut;
    }

    /** The endpoint routes at {@code collectionPath}, for the application {@code appOf} finds from a call's path. */
    public static EndpointRoutes under(String collectionPath, Function<Call, Application> appOf, Endpoints endpoints) {
        return new EndpointRoutes(collectionPath, appOf, endpoints, endpoint -> endpoint, 201);
    }

    /**
     * Svix's {@code /api/v1/operational-webhook/endpoint}: the endpoints of the application {@code reservedApp}
     * finds for a call, shown as Svix's OperationalWebhookEndpointOut.
     */
    public static EndpointRoutes operational(Function<Call, Application> reservedApp, Endpoints endpoints) {
        return new EndpointRoutes("/api/v1/operational-webhook/endpoint", reservedApp, endpoints,
                OperationalEndpointOut::of, 200);
    }

    @Override
    public void register(Router router) {
        router.post(all, this::create)
                .get(all, this::list)
                .get(one, call -> Reply.ok(view.apply(endpoint(call))))
                .put(one, this::upsert)
                .patch(one, this::patch)
                .delete(one, this::delete);
        new EndpointSecretRoutes(one, this::endpoint, endpoints).register(router);
        new EndpointHeaderRoutes(one, this::endpoint, endpoints).register(router);
    }

    /** The endpoint a call's path names, or a 404 for an unknown application or endpoint. */
    Endpoint endpoint(Call call) {
        return endpoints.require(call.principal(), app(call), call.param("endpoint_id"));
    }

    private Application app(Call call) {
        return appOf.apply(call);
    }

    private Reply create(Call call) {
        Application app = app(call);
        EndpointFields fields = EndpointFields.fromInput(JsonInput.parse(call.body()));
        return Reply.created(view.apply(endpoints.create(call.principal(), app, fields)));
    }

    private Reply list(Call call) {
        Application app = app(call);
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), call.query("order"), false);
        return Reply.ok(endpoints.list(app, query).map(view));
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
            return Reply.ok(view.apply(endpoints.update(call.principal(), app, existing.get(), fields)));
        }
        return Reply.json(createdByPut, view.apply(endpoints.create(call.principal(), app, fields)));
    }

    private Reply patch(Call call) {
        Application app = app(call);
        Endpoint current = endpoints.require(call.principal(), app, call.param("endpoint_id"));
        EndpointFields fields = EndpointFields.patch(JsonInput.parse(call.body()), current);
        return Reply.ok(view.apply(endpoints.update(call.principal(), app, current, fields)));
    }

    private Reply delete(Call call) {
        Application app = app(call);
        endpoints.delete(call.principal(), app, endpoints.require(call.principal(), app, call.param("endpoint_id")));
        return Reply.noContent();
    }
}
