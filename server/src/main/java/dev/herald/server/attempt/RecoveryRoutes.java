package dev.herald.server.attempt;

import dev.herald.server.app.Application;
import dev.herald.server.core.ApiException;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.message.Message;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Manual attempts in Svix API v1: resend one message to one endpoint (202 {@code {}}), and recover failed,
 * replay never-sent or bulk-replay already-sent messages of an endpoint over a time window, as background tasks
 * (202 with the task).
 */
final class RecoveryRoutes implements RouteGroup {
    static final String RECOVER = "endpoint.recover";
    static final String REPLAY = "endpoint.replay";
    static final String BULK_REPLAY = "endpoint.bulk-replay";

    /** One of the windowed operations of {@link Redelivery}; returns how many messages it sent. */
    @FunctionalInterface
    private interface WindowedSend {
        int run(Endpoint endpoint, Instant since, Optional<Instant> until);
    }

    private final PathLookups paths;
    private final Redelivery redelivery;
    private final BackgroundTasks tasks;

    RecoveryRoutes(PathLookups paths, Redelivery redelivery, BackgroundTasks tasks) {
        this.paths = paths;
        this.redelivery = redelivery;
        this.tasks = tasks;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/app/{app_id}/msg/{msg_id}/endpoint/{endpoint_id}/resend", this::resend)
                .post("/api/v1/app/{app_id}/endpoint/{endpoint_id}/recover",
                        call -> start(call, RECOVER, redelivery::recover))
                .post("/api/v1/app/{app_id}/endpoint/{endpoint_id}/replay-missing",
                        call -> start(call, REPLAY, redelivery::replayMissing))
                .post("/api/v1/app/{app_id}/endpoint/{endpoint_id}/bulk-replay", this::bulkReplay);
    }

    private Reply resend(Call call) {
        Application app = paths.app(call);
        Message message = paths.message(call, app);
        Endpoint endpoint = paths.endpoint(call, app);
        if (message.payload() == null) {
            throw new ApiException(400, "missing_payload",
                    "Unable to resend message " + message.id() + ": its payload is gone (expired or expunged)");
        }
        PathLookups.requireEnabled(endpoint);
        if (!redelivery.resend(message, endpoint)) {
            throw new ApiException(404, "not_found", "message " + message.id() + " was never sent to endpoint "
                    + endpoint.id() + "; replay-missing sends messages an endpoint never had");
        }
        return Reply.accepted(Map.of());
    }

    private Reply bulkReplay(Call call) {
        Application app = paths.app(call);
        Endpoint endpoint = paths.endpoint(call, app);
        BulkReplayFilter filter = BulkReplayFilter.parse(call.body());
        PathLookups.requireEnabled(endpoint);
        BackgroundTaskOut task = tasks.start(call.principal().orgId(), BULK_REPLAY,
                () -> Map.of("messagesSent", redelivery.bulkReplay(endpoint, filter)));
        return Reply.accepted(task.withoutData());
    }

    private Reply start(Call call, String kind, WindowedSend send) {
        Application app = paths.app(call);
        Endpoint endpoint = paths.endpoint(call, app);
        TimeWindow window = TimeWindow.parse(call.body());
        PathLookups.requireEnabled(endpoint);
        BackgroundTaskOut task = tasks.start(call.principal().orgId(), kind,
                () -> Map.of("messagesSent", send.run(endpoint, window.since(), window.until())));
        return Reply.accepted(task.withoutData());
    }
}
