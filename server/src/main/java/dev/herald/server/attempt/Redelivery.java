package dev.herald.server.attempt;

import dev.herald.server.core.Ids;
import dev.herald.server.delivery.DeliveryTask;
import dev.herald.server.delivery.Payload;
import dev.herald.server.delivery.Dispatcher;
import dev.herald.server.delivery.FastPath;
import dev.herald.server.delivery.MessageStatus;
import dev.herald.server.delivery.Routing;
import dev.herald.server.delivery.TaskQueue;
import dev.herald.server.delivery.TriggerType;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.message.JdbcMessageStore;
import dev.herald.server.message.Message;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Manual attempts: Svix's resend, recover and replay-missing. The (message, endpoint) task is re-armed, or created,
 * as a manual task (made once, never retried) in the same transaction that picks it, then handed straight to this
 * node's dispatcher when it has room; otherwise it is left due and the poller is woken, so any node may take it.
 * Large windows are worked through in batches, each one transaction, walking forward by message id so that a
 * message re-sent in this run is never picked twice.
 */
final class Redelivery {
    private static final int BATCH = 100;
    private static final Instant NO_END = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final Database db;
    private final TaskQueue queue;
    private final Dispatcher dispatcher;
    private final Ids ids;
    private final Clock clock;

    /** A task armed by a batch, with the payload when the batch read it (else the dispatcher loads it). */
    private record Armed(DeliveryTask task, Payload payload) {
    }

    /** What one batch did: the last message id it looked at (null: nothing was left) and the tasks it armed. */
    private record Batch(String last, List<Armed> armed) {
    }

    /** One batch of a windowed run, inside its transaction: looks at messages after {@code after}. */
    @FunctionalInterface
    private interface BatchStep {
        Batch run(Connection c, String after, FastPath fast) throws SQLException;
    }

    Redelivery(Database db, TaskQueue queue, Dispatcher dispatcher, Ids ids, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.clock = clock;
    }

    /** Sends a message again to an endpoint it was sent to before; false when it never was. */
    boolean resend(Message message, Endpoint endpoint) {
        try (FastPath fast = dispatcher.fastPath()) {
            Optional<DeliveryTask> task = db.write(c ->
                    queue.rearm(c, manual(message.id(), endpoint, fast), clock.instant()));
            task.ifPresent(t -> hand(t, new Payload(message.payload(), message.contentType()), fast));
            return task.isPresent();
        }
    }

    /** Sends again every message created in [since, until) whose delivery to the endpoint failed; returns how many. */
    int recover(Endpoint endpoint, Instant since, Optional<Instant> until) {
        return inBatches((c, after, fast) -> {
            List<String> failed = Sql.list(c, "SELECT t.msg_id FROM delivery_task t JOIN message m ON "
                            + "m.id = t.msg_id WHERE t.endpoint_id = ? AND t.status = ? AND t.created_at >= ? "
                            + "AND t.created_at < ? AND t.msg_id > ? AND m.payload IS NOT NULL "
                            + "ORDER BY t.msg_id LIMIT " + BATCH, rs -> rs.getString(1),
                    endpoint.id(), MessageStatus.FAIL.code(), since, until.orElse(NO_END), after);
            Instant now = clock.instant();
            List<Armed> armed = new ArrayList<>();
            for (String msgId : failed) {
                queue.rearm(c, manual(msgId, endpoint, fast), now).ifPresent(t -> armed.add(new Armed(t, null)));
            }
            return new Batch(failed.isEmpty() ? null : failed.getLast(), armed);
        });
    }

    /**
     * Sends the endpoint every message of its application created in [since, until) that it never had a task for
     * and that its filters let through (such as those sent before the endpoint existed); returns how many. A
     * scheduled message that is not due yet gets an unleased task due at its time, so it is not sent early.
     */
    int replayMissing(Endpoint endpoint, Instant since, Optional<Instant> until) {
        return inBatches((c, after, fast) -> {
            List<Message> missing = Sql.list(c, "SELECT " + JdbcMessageStore.columns("m.") + " FROM message m "
                            + "WHERE m.app_id = ? AND m.created_at >= ? AND m.created_at < ? AND m.id > ? "
                            + "AND m.payload IS NOT NULL AND NOT EXISTS (SELECT 1 FROM delivery_task t "
                            + "WHERE t.msg_id = m.id AND t.endpoint_id = ?) ORDER BY m.id LIMIT " + BATCH,
                    JdbcMessageStore::map, endpoint.appId(), since, until.orElse(NO_END), after, endpoint.id());
            Instant now = clock.instant();
            List<TaskQueue.NewTask> created = new ArrayList<>();
            List<Armed> armed = new ArrayList<>();
            for (Message m : missing) {
                if (!Routing.matches(endpoint, m.eventType(), m.channels())) {
                    continue;
                }
                if (m.deliverAt() != null && m.deliverAt().isAfter(now)) {
                    queue.insert(c, List.of(new TaskQueue.NewTask(ids.next("task"), m.id(), endpoint.appId(),
                            endpoint.id(), TriggerType.MANUAL, null, null)), now, m.deliverAt());
                } else {
                    TaskQueue.NewTask task = manual(m.id(), endpoint, fast);
                    created.add(task);
                    armed.add(new Armed(task.leased(), new Payload(m.payload(), m.contentType())));
                }
            }
            queue.insert(c, created, now);
            return new Batch(missing.isEmpty() ? null : missing.getLast().id(), armed);
        });
    }

    /**
     * Sends again every message created in [since, until) that was sent to the endpoint before, delivered or
     * failed, and that the filter lets through (Svix's bulk-replay); returns how many. A delivery still pending
     * or in flight is left alone: it is going to happen anyway.
     */
    int bulkReplay(Endpoint endpoint, BulkReplayFilter filter) {
        return inBatches((c, after, fast) -> {
            Conditions where = new Conditions("SELECT t.msg_id FROM delivery_task t JOIN message m ON m.id = t.msg_id "
                    + "WHERE t.endpoint_id = ? AND t.status IN (?, ?) AND m.created_at >= ? AND m.created_at < ? "
                    + "AND t.msg_id > ? AND m.payload IS NOT NULL", endpoint.id(), MessageStatus.SUCCESS.code(),
                    MessageStatus.FAIL.code(), filter.window().since(), filter.window().until().orElse(NO_END), after)
                    .andIf(filter.status(), "t.status = ?");
            filter.codes().ifPresent(codes -> where.and("(SELECT a.response_status_code FROM message_attempt a "
                    + "WHERE a.msg_id = t.msg_id AND a.endpoint_id = t.endpoint_id ORDER BY a.id DESC LIMIT 1) "
                    + "BETWEEN ? AND ?", codes.low(), codes.high()));
            JdbcMessageStore.appendFilter(where.sql, where.args, filter.messages(), "m.", db.dialect());
            List<String> sent = Sql.list(c, where.text() + " ORDER BY t.msg_id LIMIT " + BATCH,
                    rs -> rs.getString(1), where.values());
            Instant now = clock.instant();
            List<Armed> armed = new ArrayList<>();
            for (String msgId : sent) {
                queue.rearm(c, manual(msgId, endpoint, fast), now).ifPresent(t -> armed.add(new Armed(t, null)));
            }
            return new Batch(sent.isEmpty() ? null : sent.getLast(), armed);
        });
    }

    /** Runs batches, each in its own transaction, until one finds nothing left; returns how many tasks it armed. */
    private int inBatches(BatchStep step) {
        int sent = 0;
        String after = "";
        while (true) {
            try (FastPath fast = dispatcher.fastPath()) {
                String from = after;
                Batch batch = db.write(c -> step.run(c, from, fast));
                if (batch.last() == null) {
                    return sent;
                }
                batch.armed().forEach(a -> hand(a.task(), a.payload(), fast));
                sent += batch.armed().size();
                after = batch.last();
            }
        }
    }

    private TaskQueue.NewTask manual(String msgId, Endpoint endpoint, FastPath fast) {
        Optional<Instant> lease = fast.leaseFor(endpoint.id());
        return new TaskQueue.NewTask(ids.next("task"), msgId, endpoint.appId(), endpoint.id(), TriggerType.MANUAL,
                lease.isPresent() ? fast.owner() : null, lease.orElse(null));
    }

    /** Runs a leased task on this node now; an unleased one is due already, so the poller only needs waking. */
    private void hand(DeliveryTask task, Payload payload, FastPath fast) {
        if (task.leaseUntil() != null) {
            fast.submit(List.of(task), payload);
        } else {
            dispatcher.wake();
        }
    }
}
