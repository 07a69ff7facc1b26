package dev.herald.server.attempt;

import dev.herald.server.app.Application;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Page;
import dev.herald.server.core.Times;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.message.Message;
import dev.herald.server.message.MessageFilter;
import dev.herald.server.message.MessageOut;
import dev.herald.server.message.MessageRoutes;
import dev.herald.server.message.Messages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of delivery in Svix API v1: attempts by message and by endpoint, one attempt (and expunging its
 * response body), an endpoint's attempted messages, a message's attempted endpoints, and an endpoint's stats.
 */
final class AttemptLogRoutes implements RouteGroup {
    private final PathLookups paths;
    private final Messages messages;
    private final AttemptLog log;
    private final DeliveryStates states;

    AttemptLogRoutes(PathLookups paths, Messages messages, AttemptLog log, DeliveryStates states) {
        this.paths = paths;
        this.messages = messages;
        this.log = log;
        this.states = states;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/app/{app_id}/attempt/msg/{msg_id}", this::byMessage)
                .get("/api/v1/app/{app_id}/attempt/endpoint/{endpoint_id}", this::byEndpoint)
                .get("/api/v1/app/{app_id}/msg/{msg_id}/attempt/{attempt_id}", this::one)
                .delete("/api/v1/app/{app_id}/msg/{msg_id}/attempt/{attempt_id}/content", this::expunge)
                .get("/api/v1/app/{app_id}/endpoint/{endpoint_id}/msg", this::messagesOfEndpoint)
                .get("/api/v1/app/{app_id}/msg/{msg_id}/endpoint", this::endpointsOfMessage)
                .get("/api/v1/app/{app_id}/endpoint/{endpoint_id}/stats", this::stats);
    }

    private Reply byMessage(Call call) {
        Application app = paths.app(call);
        Message message = paths.message(call, app);
        Optional<String> endpointId = call.query("endpoint_id").map(id -> paths.endpoint(call, app, id).id());
        return attempts(call, app, Optional.of(message.id()), endpointId);
    }

    private Reply byEndpoint(Call call) {
        Application app = paths.app(call);
        Endpoint endpoint = paths.endpoint(call, app);
        return attempts(call, app, Optional.empty(), Optional.of(endpoint.id()));
    }

    private Reply attempts(Call call, Application app, Optional<String> msgId, Optional<String> endpointId) {
        MessageFilter messageFilter = MessageRoutes.filterOf(call);
        AttemptFilter filter = new AttemptFilter(msgId, endpointId, QueryParams.status(call),
                QueryParams.statusCodeClass(call), messageFilter.withoutTimes(), messageFilter.before(),
                messageFilter.after());
        boolean withContent = call.queryFlag("with_content", true);
        Page<Attempt> page = log.list(app.id(), filter, QueryParams.newestFirst(call));
        Map<String, MessageOut> attempted = new LinkedHashMap<>();
        if (call.queryFlag("with_msg", false)) {
            page.data().forEach(a -> attempted.computeIfAbsent(a.msgId(),
                    id -> MessageOut.of(messages.require(app, id), withContent)));
        }
        return Reply.ok(page.map(a -> MessageAttemptOut.of(a, withContent, attempted.get(a.msgId()))));
    }

    private Reply one(Call call) {
        Application app = paths.app(call);
        Message message = paths.message(call, app);
        Attempt attempt = log.find(message.id(), call.param("attempt_id"))
                .orElseThrow(() -> ApiException.notFound("message attempt"));
        return Reply.ok(MessageAttemptOut.of(attempt, true, null));
    }

    private Reply expunge(Call call) {
        Application app = paths.app(call);
        Message message = paths.message(call, app);
        if (!log.expungeContent(message.id(), call.param("attempt_id"))) {
            throw ApiException.notFound("message attempt");
        }
        return Reply.noContent();
    }

    private Reply messagesOfEndpoint(Call call) {
        Application app = paths.app(call);
        Endpoint endpoint = paths.endpoint(call, app);
        return Reply.ok(states.messagesOf(endpoint.id(), QueryParams.status(call), MessageRoutes.filterOf(call),
                call.queryFlag("with_content", true), QueryParams.newestFirst(call)));
    }

    private Reply endpointsOfMessage(Call call) {
        Application app = paths.app(call);
        Message message = paths.message(call, app);
        return Reply.ok(states.destinationsOf(message.id(), QueryParams.newestFirst(call))
                .map(d -> new Attempted<>(paths.endpoint(call, app, d.subject()), d.state())));
    }

    private Reply stats(Call call) {
        Application app = paths.app(call);
        Endpoint endpoint = paths.endpoint(call, app);
        return Reply.ok(states.stats(endpoint.id(),
                call.query("since").map(t -> Times.parse(t, "query", "since")),
                call.query("until").map(t -> Times.parse(t, "query", "until"))));
    }
}
