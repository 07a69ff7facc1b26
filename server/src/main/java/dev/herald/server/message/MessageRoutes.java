package dev.herald.server.message;

import dev.herald.server.app.Application;
import dev.herald.server.app.ApplicationFields;
import dev.herald.server.app.Applications;
import dev.herald.server.auth.Principal;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Times;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Svix API v1 {@code /api/v1/app/{app_id}/msg}. */
public final class MessageRoutes implements RouteGroup {
    private final Applications apps;
    private final KnownApplications known;
    private final Messages messages;
    private final Clock clock;

    public MessageRoutes(Applications apps, Messages messages, Clock clock) {
        this.apps = apps;
        this.clock = clock;
        this.known = new KnownApplications(apps);
        this.messages = messages;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/app/{app_id}/msg", this::create)
                .get("/api/v1/app/{app_id}/msg", this::list)
                .post("/api/v1/app/{app_id}/msg/precheck/active", this::precheck)
                .get("/api/v1/app/{app_id}/msg/{msg_id}", this::get)
                .delete("/api/v1/app/{app_id}/msg/{msg_id}/content", this::expunge);
    }

    private Reply create(Call call) {
        MessageFields fields = MessageFields.parse(call.body(), clock.instant());
        Principal who = call.principal();
        String appIdOrUid = call.param("app_id");
        Message message;
        try {
            message = messages.accept(appFor(who, appIdOrUid, fields), fields);
        } catch (StaleApplication remembered) {
            known.forget(who, appIdOrUid);
            try {
                message = messages.accept(appFor(who, appIdOrUid, fields), fields);
            } catch (StaleApplication changedAgain) {
                throw ApiException.notFound("application");
            }
        }
        return Reply.accepted(MessageOut.of(message, call.queryFlag("with_content", true)));
    }

    /** The target application; a message carrying an inline {@code application} creates it when missing. */
    private Application appFor(Principal who, String appIdOrUid, MessageFields fields) {
        Optional<Application> existing = known.find(who, appIdOrUid);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (fields.inlineApplication().isEmpty()) {
            throw ApiException.notFound("application");
        }
        ApplicationFields app = ApplicationFields.fromInput(fields.inlineApplication().get());
        if (app.uid() == null && !appIdOrUid.startsWith("app_")) {
            app = new ApplicationFields(app.name(), appIdOrUid, app.throttleRate(), app.metadata());
        }
        return apps.create(who, app);
    }

    /** Svix's precheck: would a message of this type on these channels reach any enabled endpoint now? */
    private Reply precheck(Call call) {
        JsonInput in = JsonInput.parse(call.body());
        String eventType = MessageFields.eventType(in);
        List<String> channels = MessageFields.channels(in);
        in.check();
        Application app = apps.require(call.principal(), call.param("app_id"));
        return Reply.ok(Map.of("active", messages.wouldReachAnEndpoint(app, eventType, channels)));
    }

    private Reply list(Call call) {
        Application app = apps.require(call.principal(), call.param("app_id"));
        MessageFilter filter = filterOf(call);
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), Optional.empty(), false);
        boolean withContent = call.queryFlag("with_content", true);
        return Reply.ok(messages.list(app, filter, query).map(m -> MessageOut.of(m, withContent)));
    }

    /**
     * Svix's message filters as a call's query gives them ({@code event_types}, {@code channel}, {@code tag},
     * {@code before}, {@code after}); the attempt log reads the same ones.
     */
    public static MessageFilter filterOf(Call call) {
        return new MessageFilter(call.queryList("event_types"), call.query("channel"), call.query("tag"),
                call.query("before").map(t -> Times.parse(t, "query", "before")),
                call.query("after").map(t -> Times.parse(t, "query", "after")));
    }

    private Reply get(Call call) {
        Application app = apps.require(call.principal(), call.param("app_id"));
        return Reply.ok(MessageOut.of(messages.require(app, call.param("msg_id")), call.queryFlag("with_content", true)));
    }

    private Reply expunge(Call call) {
        Application app = apps.require(call.principal(), call.param("app_id"));
        messages.expunge(app, messages.require(app, call.param("msg_id")));
        return Reply.noContent();
    }
}
