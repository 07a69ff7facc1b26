package dev.herald.server.inbound;

import dev.herald.server.core.JsonInput;
import dev.herald.server.core.ListQuery;
import dev.herald.server.endpoint.EndpointRoutes;
import dev.herald.server.endpoint.Endpoints;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.Map;
import java.util.Optional;

/**
 * Svix Ingest API {@code /ingest/api/v1/source}: sources, their token rotation, and their endpoints, which are the
 * endpoint routes of the source's application under the source's path.
 */
final class SourceRoutes implements RouteGroup {
    static final String ALL = "/ingest/api/v1/source";
    static final String ONE = ALL + "/{source_id}";

    private final Sources sources;
    private final Endpoints endpoints;

    SourceRoutes(Sources sources, Endpoints endpoints) {
        this.sources = sources;
        this.endpoints = endpoints;
    }

    @Override
    public void register(Router router) {
        router.post(ALL, this::create)
                .get(ALL, this::list)
                .get(ONE, call -> Reply.ok(out(source(call))))
                .put(ONE, this::upsert)
                .patch(ONE, this::patch)
                .delete(ONE, this::delete)
                .post(ONE + "/token/rotate", this::rotateToken);
        EndpointRoutes.under(ONE + "/endpoint", call -> sources.app(source(call)), endpoints).register(router);
    }

    private IngestSource source(Call call) {
        return sources.require(call.principal(), call.param("source_id"));
    }

    private SourceOut out(IngestSource source) {
        return SourceOut.of(source, sources.ingestUrl(source));
    }

    private Reply create(Call call) {
        SourceFields fields = SourceFields.fromInput(JsonInput.parse(call.body()));
        return Reply.created(out(sources.create(call.principal(), fields)));
    }

    private Reply list(Call call) {
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), call.query("order"), true);
        return Reply.ok(sources.list(call.principal(), query).map(this::out));
    }

    /** PUT by uid keeps that uid when the body names none, so repeating the same PUT updates the same source. */
    private Reply upsert(Call call) {
        SourceFields fields = SourceFields.fromInput(JsonInput.parse(call.body()));
        String key = call.param("source_id");
        if (fields.uid() == null && SourceFields.isUid(key)) {
            fields = fields.withUid(key);
        }
        Optional<IngestSource> existing = sources.find(call.principal(), key);
        if (existing.isPresent()) {
            return Reply.ok(out(sources.update(existing.get(), fields)));
        }
        return Reply.created(out(sources.create(call.principal(), fields)));
    }

    private Reply patch(Call call) {
        IngestSource current = source(call);
        SourceFields fields = SourceFields.patch(JsonInput.parse(call.body()), current);
        return Reply.ok(out(sources.update(current, fields)));
    }

    private Reply delete(Call call) {
        sources.delete(call.principal(), source(call));
        return Reply.noContent();
    }

    private Reply rotateToken(Call call) {
        IngestSource rotated = sources.rotateToken(source(call));
        return Reply.ok(Map.of("ingestUrl", sources.ingestUrl(rotated)));
    }
}
