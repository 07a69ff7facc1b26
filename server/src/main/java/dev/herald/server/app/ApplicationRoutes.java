package dev.herald.server.app;

import dev.herald.server.core.JsonInput;
import dev.herald.server.core.ListQuery;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.Optional;

/** Svix API v1 {@code /api/v1/app}. */
public final class ApplicationRoutes implements RouteGroup {
    private final Applications apps;

    public ApplicationRoutes(Applications apps) {
        this.apps = apps;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/app", this::create)
                .get("/api/v1/app", this::list)
                .get("/api/v1/app/{app_id}", call -> Reply.ok(apps.require(call.principal(), call.param("app_id"))))
                .put("/api/v1/app/{app_id}", this::upsert)
                .patch("/api/v1/app/{app_id}", this::patch)
                .delete("/api/v1/app/{app_id}", this::delete);
    }

    private Reply create(Call call) {
        ApplicationFields fields = ApplicationFields.fromInput(JsonInput.parse(call.body()));
        if (call.queryFlag("get_if_exists", false) && fields.uid() != null) {
            Optional<Application> existing = apps.find(call.principal(), fields.uid());
            if (existing.isPresent()) {
                return Reply.ok(existing.get());
            }
        }
        return Reply.created(apps.create(call.principal(), fields));
    }

    private Reply list(Call call) {
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), call.query("order"), true);
        return Reply.ok(apps.list(call.principal(), query));
    }

    private Reply upsert(Call call) {
        JsonInput in = JsonInput.parse(call.body());
        ApplicationFields fields = ApplicationFields.fromInput(in);
        String key = call.param("app_id");
        Optional<Application> existing = apps.find(call.principal(), key);
        if (existing.isPresent()) {
            if (!in.has("uid") && key.equals(existing.get().uid())) {
                // addressed by its uid: a body without one keeps it, so repeating the same PUT stays idempotent
                fields = new ApplicationFields(fields.name(), key, fields.throttleRate(), fields.metadata());
            }
            return Reply.ok(apps.update(call.principal(), existing.get(), fields));
        }
        if (fields.uid() == null && !key.startsWith("app_")) {
            fields = new ApplicationFields(fields.name(), key, fields.throttleRate(), fields.metadata());
        }
        return Reply.created(apps.create(call.principal(), fields));
    }

    private Reply patch(Call call) {
        Application current = apps.require(call.principal(), call.param("app_id"));
        ApplicationFields fields = ApplicationFields.patch(JsonInput.parse(call.body()), current);
        return Reply.ok(apps.update(call.principal(), current, fields));
    }

    private Reply delete(Call call) {
        apps.delete(call.principal(), apps.require(call.principal(), call.param("app_id")));
        return Reply.noContent();
    }
}
