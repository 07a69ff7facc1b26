package dev.herald.server.attempt;

import dev.herald.server.core.ApiException;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.ValidationException;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.Optional;
import java.util.Set;

/**
 * Svix's {@code /api/v1/background-task}: one task by id (any caller of the organisation, so that an app portal
 * can follow the recovery it started) and the organisation's list (organisation tokens only), newest first.
 */
final class BackgroundTaskRoutes implements RouteGroup {
    private static final Set<String> STATUSES =
            Set.of(BackgroundTasks.RUNNING, BackgroundTasks.FINISHED, BackgroundTasks.FAILED);
    /** Svix's BackgroundTaskType values; those Herald does not run simply match nothing. */
    private static final Set<String> KINDS = Set.of(RecoveryRoutes.REPLAY, RecoveryRoutes.RECOVER,
            UsageStatsRoutes.APP_STATS, "message.broadcast", "sdk.generate", UsageStatsRoutes.EVENT_TYPES,
            ExpungeRoutes.PURGE, RecoveryRoutes.BULK_REPLAY);

    private final BackgroundTasks tasks;

    BackgroundTaskRoutes(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/background-task", this::list)
                .get("/api/v1/background-task/{task_id}", this::get);
    }

    private Reply get(Call call) {
        return Reply.ok(tasks.find(call.principal().orgId(), call.param("task_id"))
                .orElseThrow(() -> ApiException.notFound("background task")));
    }

    private Reply list(Call call) {
        call.principal().requireOrgAccess();
        Optional<String> status = oneOf(call, "status", STATUSES);
        Optional<String> kind = oneOf(call, "task", KINDS);
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), call.query("order"), false);
        return Reply.ok(tasks.list(call.principal().orgId(), status, kind, query));
    }

    private static Optional<String> oneOf(Call call, String name, Set<String> allowed) {
        Optional<String> value = call.query(name);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw ValidationException.of("query", name, name + " must be one of " + String.join(", ",
                    allowed.stream().sorted().toList()));
        }
        return value;
    }
}
