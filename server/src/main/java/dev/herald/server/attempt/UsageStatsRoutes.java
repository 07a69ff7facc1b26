package dev.herald.server.attempt;

import dev.herald.server.app.Application;
import dev.herald.server.app.Applications;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Times;
import dev.herald.server.core.ValidationException;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Svix's {@code /api/v1/stats/usage}: message destinations per application over a window
 * ({@code POST …/app}) and the event types applications subscribe to ({@code PUT …/event-types}), each computed
 * as a background task whose result the caller reads from {@code /api/v1/background-task/{task_id}}.
 */
final class UsageStatsRoutes implements RouteGroup {
    static final String APP_STATS = "application.stats";
    static final String EVENT_TYPES = "event-type.aggregate";

    /** Svix AppUsageStatsOut: the started task and the ids or uids that named no application. */
    record AppUsageStatsOut(String id, String status, String task, Instant updatedAt, List<String> unresolvedAppIds) {
    }

    private final Applications apps;
    private final UsageStats stats;
    private final BackgroundTasks tasks;

    UsageStatsRoutes(Applications apps, UsageStats stats, BackgroundTasks tasks) {
        this.apps = apps;
        this.stats = stats;
        this.tasks = tasks;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/stats/usage/app", this::appStats)
                .put("/api/v1/stats/usage/event-types", this::eventTypes);
    }

    private Reply appStats(Call call) {
        call.principal().requireOrgAccess();
        JsonInput in = JsonInput.parse(call.body());
        String since = in.requiredString("since");
        String until = in.requiredString("until");
        List<String> named = in.stringList("appIds").orElse(List.of());
        in.check();
        Instant from = Times.parse(since, "body", "since");
        Instant to = Times.parse(until, "body", "until");
        List<String> resolved = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String idOrUid : named) {
            Optional<Application> app = apps.find(call.principal(), idOrUid);
            app.ifPresentOrElse(a -> resolved.add(a.id()), () -> unresolved.add(idOrUid));
        }
        if (!named.isEmpty() && resolved.isEmpty()) {
            throw ValidationException.of("body", "appIds", "none of the given ids or uids names an application");
        }
        String orgId = call.principal().orgId();
        BackgroundTaskOut task = tasks.start(orgId, APP_STATS,
                () -> Map.of("appStats", stats.messageDestinations(orgId, resolved, from, to)));
        return Reply.accepted(new AppUsageStatsOut(task.id(), task.status(), task.task(), task.updatedAt(),
                unresolved));
    }

    private Reply eventTypes(Call call) {
        call.principal().requireOrgAccess();
        String orgId = call.principal().orgId();
        BackgroundTaskOut task = tasks.start(orgId, EVENT_TYPES,
                () -> Map.of("event_types", stats.subscribedEventTypes(orgId)));
        return Reply.accepted(task.withoutData());
    }
}
