package dev.herald.server.inbound;

import dev.herald.server.core.ListQuery;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;

/**
 * Svix's ingest log ({@code v1.ingest.log.list}): the requests a source refused, which Svix calls source errors,
 * newest first unless {@code order=ascending}, with Svix's {@code limit} and {@code iterator} paging.
 */
final class IngestLogRoutes implements RouteGroup {
    static final String LOG = SourceRoutes.ONE + "/log";

    private final Sources sources;
    private final CaptureStore captures;

    IngestLogRoutes(Sources sources, CaptureStore captures) {
        this.sources = sources;
        this.captures = captures;
    }

    @Override
    public void register(Router router) {
        router.get(LOG, this::list);
    }

    private Reply list(Call call) {
        IngestSource source = sources.require(call.principal(), call.param("source_id"));
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), call.query("order"), false);
        return Reply.ok(captures.refused(source.id(), query).map(IngestLogOut::of));
    }
}
