package dev.herald.server.inbound;

import dev.herald.server.core.ApiException;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.ValidationException;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.Arrays;
import java.util.Optional;

/**
 * Herald's inspection API for what a source caught (paths Svix does not use): list requests, newest first and
 * optionally by status; read one with its body; replay one to the source's endpoints as a new message.
 */
final class CaptureRoutes implements RouteGroup {
    static final String ALL = SourceRoutes.ONE + "/request";
    static final String ONE = ALL + "/{request_id}";

    private final Sources sources;
    private final CaptureStore captures;
    private final Catcher catcher;

    CaptureRoutes(Sources sources, CaptureStore captures, Catcher catcher) {
        this.sources = sources;
        this.captures = captures;
        this.catcher = catcher;
    }

    @Override
    public void register(Router router) {
        router.get(ALL, this::list)
                .get(ONE, call -> Reply.ok(CaptureOut.of(request(call, source(call)))))
                .post(ONE + "/replay", this::replay);
    }

    private IngestSource source(Call call) {
        return sources.require(call.principal(), call.param("source_id"));
    }

    private CapturedRequest request(Call call, IngestSource source) {
        return captures.find(source.id(), call.param("request_id"))
                .orElseThrow(() -> ApiException.notFound("request"));
    }

    private Reply list(Call call) {
        IngestSource source = source(call);
        Optional<CaptureStatus> status = call.query("status").map(CaptureRoutes::status);
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), Optional.empty(), false);
        return Reply.ok(captures.list(source.id(), status, query).map(CaptureOut::summary));
    }

    private Reply replay(Call call) {
        IngestSource source = source(call);
        CapturedRequest replayed = catcher.replay(source, request(call, source));
        return Reply.accepted(CaptureOut.summary(replayed));
    }

    private static CaptureStatus status(String text) {
        return Arrays.stream(CaptureStatus.values()).filter(s -> s.wireName().equals(text)).findFirst()
                .orElseThrow(() -> ValidationException.of("query", "status",
                        "status must be received, failed, forwarded or duplicate"));
    }
}
