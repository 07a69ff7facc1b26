package dev.herald.server.attempt;

import dev.herald.server.app.Application;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Validate;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Svix's expunging of an application's message contents: all of them as a background task
 * ({@code application.purge_content}, 202 with the task), or the named messages at once (200 with each one's
 * result). Payloads and the attempts' response bodies go; the metadata stays.
 */
final class ExpungeRoutes implements RouteGroup {
    static final String PURGE = "application.purge_content";
    private static final int MAX_ID_LENGTH = 256;

    private final PathLookups paths;
    private final ContentPurge purge;
    private final BackgroundTasks tasks;

    ExpungeRoutes(PathLookups paths, ContentPurge purge, BackgroundTasks tasks) {
        this.paths = paths;
        this.purge = purge;
        this.tasks = tasks;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/app/{app_id}/msg/expunge-all-contents", this::expungeAll)
                .post("/api/v1/app/{app_id}/msg/bulk-expunge", this::bulkExpunge);
    }

    private Reply expungeAll(Call call) {
        Application app = paths.app(call);
        BackgroundTaskOut task = tasks.start(call.principal().orgId(), PURGE,
                () -> Map.of("messages_purged", purge.purgeApp(app.id(), app.uid())));
        return Reply.accepted(task.withoutData());
    }

    private Reply bulkExpunge(Call call) {
        Application app = paths.app(call);
        JsonInput in = JsonInput.parse(call.body());
        List<String> ids = in.stringList("ids").orElse(List.of());
        for (String id : ids) {
            if (!Validate.isName(id, MAX_ID_LENGTH)) {
                in.error("ids", "'" + id + "' is not 1-" + MAX_ID_LENGTH
                        + " characters of a-z, A-Z, 0-9, '-', '_' and '.'");
            }
        }
        in.check();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        return Reply.ok(Map.of("results", purge.expunge(app.id(), app.uid(), distinct)));
    }
}
