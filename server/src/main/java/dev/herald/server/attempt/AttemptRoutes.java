package dev.herald.server.attempt;

import dev.herald.server.app.Applications;
import dev.herald.server.core.Ids;
import dev.herald.server.core.OperationalEvents;
import dev.herald.server.delivery.Dispatcher;
import dev.herald.server.delivery.TaskQueue;
import dev.herald.server.endpoint.Endpoints;
import dev.herald.server.eventtype.EventTypes;
import dev.herald.server.http.KeptReplies;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.message.Messages;
import dev.herald.server.store.Database;
import java.time.Clock;
import java.util.List;

/**
 * The attempt log and recovery in Svix API v1, as one route group for the composition root: what was tried and
 * how it stands (attempts, attempted messages and endpoints, stats), manual attempts (resend, recover,
 * replay-missing, bulk-replay, send-example), usage statistics, expunging contents, and the background tasks that
 * long ones run as.
 */
public final class AttemptRoutes implements RouteGroup {
    private final List<RouteGroup> groups;

    public AttemptRoutes(Database db, TaskQueue queue, Dispatcher dispatcher, Ids ids, Clock clock,
                         Applications apps, Endpoints endpoints, Messages messages, EventTypes eventTypes,
                         OperationalEvents events, KeptReplies replies) {
        PathLookups paths = new PathLookups(apps, endpoints, messages);
        BackgroundTasks tasks = new BackgroundTasks(db, ids, clock, events);
        this.groups = List.of(
                new AttemptLogRoutes(paths, messages, new AttemptLog(db), new DeliveryStates(db, clock)),
                new RecoveryRoutes(paths, new Redelivery(db, queue, dispatcher, ids, clock), tasks),
                new SendExampleRoutes(paths, messages, new ExamplePayloads(eventTypes)),
                new UsageStatsRoutes(apps, new UsageStats(db), tasks),
                new ExpungeRoutes(paths, new ContentPurge(db, replies), tasks),
                new BackgroundTaskRoutes(tasks));
    }

    @Override
    public void register(Router router) {
        groups.forEach(group -> group.register(router));
    }
}
