package dev.herald.server.delivery;

import dev.herald.server.core.Ids;
import dev.herald.server.store.Database;
import dev.herald.server.store.Dialect;
import dev.herald.server.store.Sql;
import dev.herald.server.store.WriteBatcher;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the outcome of an attempt in one transaction: the attempt row, the task's new state (finished, or due
 * again later), and the endpoint's failure streak; successes that arrive together share one transaction. A task is
 * finished only here, after its attempt is recorded, which is what makes delivery at-least-once. The update is
 * conditional on still holding the lease.
 */
final class AttemptRecorder implements AutoCloseable {
    private static final String INSERT_ATTEMPT = "INSERT INTO message_attempt (id, msg_id, app_id, endpoint_id, url, "
            + "status, response_status_code, response, response_duration_ms, trigger_type, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Attempts per transaction at most; under load a batch holds what arrived while the previous one was written. */
    private static final int MAX_BATCH = 500;

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Duration disableAfter;
    private final WriteBatcher<Outcome, Recorded> successes;

    /** What the write changed, for the operational events that follow it. */
    record Recorded(String attemptId, Instant at, boolean endpointDisabled, Instant failingSince) {
    }

    AttemptRecorder(Database db, Ids ids, Clock clock, Duration disableAfter) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.disableAfter = disableAfter;
        this.successes = new WriteBatcher<>("herald-attempt-writer", MAX_BATCH, this::recordSuccesses);
    }

    /**
     * Records an attempt. Successes are written together with the others that arrive meanwhile ({@link
     * #recordSuccesses}); an attempt that failed, whose next step depends on its endpoint's failure streak, on its own.
     */
    Recorded record(DeliveryTask task, String url, String owner, SendResult result, RetryDecision decision) {
        Outcome outcome = new Outcome(ids.next("atmpt"), clock.instant(), task, url, owner, result, decision);
        return decision instanceof RetryDecision.Done ? successes.submit(outcome)
                : db.write(c -> recordOne(c, outcome));
    }

    /** One attempt to record. */
    private record Outcome(String attemptId, Instant at, DeliveryTask task, String url, String owner,
                           SendResult result, RetryDecision decision) {
        Object[] attemptRow() {
            MessageStatus status = result instanceof SendResult.Delivered ? MessageStatus.SUCCESS : MessageStatus.FAIL;
            return new Object[] {attemptId, task.msgId(), task.appId(), task.endpointId(), url, status.code(),
                    result.statusCode(), result.responseText(), result.durationMs(), task.trigger().code(), at};
        }

        Recorded recorded() {
            return new Recorded(attemptId, at, false, null);
        }
    }

    private Recorded recordOne(Connection c, Outcome o) throws SQLException {
        if (Sql.count(c, "SELECT COUNT(*) FROM delivery_task WHERE id = ?", o.task().id()) == 0) {
            // the message, its endpoint or its application was deleted while this attempt was in flight
            return o.recorded();
        }
        // The attempt row first, then the task: its foreign key locks the message before the task row is
        // locked, the same order in which deleting a message (and its tasks) takes them; the other order
        // deadlocks with such a delete on PostgreSQL. Recorded even when the lease was lost meanwhile.
        Sql.update(c, INSERT_ATTEMPT, o.attemptRow());
        updateTask(c, o.task(), o.owner(), o.decision(), o.at());
        return updateEndpoint(c, o.task().endpointId(), o.attemptId(), o.decision(), o.at());
    }

    /**
     * Records successful attempts in one transaction of four statements however many there are: which of their
     * tasks still exist, their attempt rows, their tasks finished, and their endpoints' failure streaks ended.
     * Locks are taken in {@link #recordOne}'s order: messages (through the attempts' foreign key), then tasks.
     */
    private List<Recorded> recordSuccesses(List<Outcome> outcomes) {
        // not awaiting the disk: a batch of successes lost with the database server is delivered again
        return db.writeNotAwaitingDisk(c -> {
            Dialect dialect = db.dialect();
            Set<String> live = new HashSet<>(Sql.list(c, "SELECT id FROM delivery_task WHERE "
                    + dialect.isAnyOf("id"), rs -> rs.getString(1),
                    dialect.anyOf(c, outcomes.stream().map(o -> o.task().id()).toList())));
            List<Outcome> kept = outcomes.stream().filter(o -> live.contains(o.task().id())).toList();
            if (kept.isEmpty()) {
                return outcomes.stream().map(Outcome::recorded).toList();
            }
            Sql.insertAll(c, INSERT_ATTEMPT, kept.stream().map(Outcome::attemptRow).toList());
            Instant now = kept.get(0).at();
            Map<String, List<String>> tasksByOwner = kept.stream().collect(Collectors.groupingBy(Outcome::owner,
                    Collectors.mapping(o -> o.task().id(), Collectors.toList())));
            for (Map.Entry<String, List<String>> owned : tasksByOwner.entrySet()) {
                Sql.update(c, "UPDATE delivery_task SET status = ?, attempt_count = attempt_count + 1, "
                                + "next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ? "
                                + "WHERE lease_owner = ? AND id IN (" + TaskQueue.inIdOrder(dialect) + ")",
                        MessageStatus.SUCCESS.code(), now, owned.getKey(), dialect.anyOf(c, owned.getValue()));
            }
            Sql.update(c, "UPDATE endpoint SET failing_since = NULL WHERE failing_since IS NOT NULL AND "
                    + dialect.isAnyOf("id"),
                    dialect.anyOf(c, kept.stream().map(o -> o.task().endpointId()).distinct().sorted().toList()));
            return outcomes.stream().map(Outcome::recorded).toList();
        });
    }

    @Override
    public void close() {
        successes.close();
    }

    /**
     * Finishes a task that cannot be attempted (its endpoint is disabled or its payload is gone); not awaiting the
     * disk: undone, the task comes up again and is cancelled again.
     */
    void cancel(DeliveryTask task, String owner) {
        Instant now = clock.instant();
        db.writeNotAwaitingDisk(c -> Sql.update(c, "UPDATE delivery_task SET status = ?, next_attempt_at = NULL, "
                + "lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
                MessageStatus.FAIL.code(), now, task.id(), owner));
    }

    /** Moves the task on if this node still holds its lease. */
    private static void updateTask(Connection c, DeliveryTask task, String owner, RetryDecision decision, Instant now)
            throws SQLException {
        MessageStatus status = switch (decision) {
            case RetryDecision.Done d -> MessageStatus.SUCCESS;
            case RetryDecision.RetryAt r -> MessageStatus.PENDING;
            case RetryDecision.Exhausted e -> MessageStatus.FAIL;
            case RetryDecision.EndpointGone g -> MessageStatus.FAIL;
        };
        Instant next = decision instanceof RetryDecision.RetryAt r ? r.at() : null;
        Sql.update(c, "UPDATE delivery_task SET status = ?, attempt_count = attempt_count + 1, next_attempt_at = ?, "
                        + "lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
                status.code(), next, now, task.id(), owner);
    }

    private Recorded updateEndpoint(Connection c, String endpointId, String attemptId, RetryDecision decision,
                                    Instant now) throws SQLException {
        if (decision instanceof RetryDecision.Done) {
            Sql.update(c, "UPDATE endpoint SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
                    endpointId);
            return new Recorded(attemptId, now, false, null);
        }
        Sql.update(c, "UPDATE endpoint SET failing_since = ? WHERE id = ? AND failing_since IS NULL", now, endpointId);
        Instant since = Sql.one(c, "SELECT failing_since FROM endpoint WHERE id = ?",
                rs -> Sql.instant(rs, "failing_since"), endpointId).orElse(now);
        boolean disable = decision instanceof RetryDecision.EndpointGone
                || !since.plus(disableAfter).isAfter(now);
        boolean changed = disable && Sql.update(c, "UPDATE endpoint SET disabled = ?, updated_at = ? "
                + "WHERE id = ? AND disabled = ?", true, now, endpointId, false) == 1;
        if (changed) {
            // Other deliveries to this endpoint may be recording right now, each holding its own task and waiting
            // for the endpoint row this transaction holds: waiting for their tasks in turn would deadlock, so they
            // are skipped. They finish as their own outcome says, and one left due is cancelled when it comes up.
            Sql.update(c, "UPDATE delivery_task SET status = ?, next_attempt_at = NULL, lease_owner = NULL, "
                    + "lease_until = NULL, updated_at = ? WHERE id IN (SELECT id FROM delivery_task "
                    + "WHERE endpoint_id = ? AND next_attempt_at IS NOT NULL" + db.dialect().skipLocked() + ")",
                    MessageStatus.FAIL.code(), now, endpointId);
        }
        return new Recorded(attemptId, now, changed, since);
    }
}
