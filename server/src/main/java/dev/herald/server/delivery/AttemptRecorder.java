package dev.herald.server.delivery;

import dev.herald.server.core.Ids;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes the outcome of one attempt in one transaction: the attempt row, the task's new state (finished, or due
 * again later), and the endpoint's failure streak. A task is finished only here, after its attempt is recorded,
 * which is what makes delivery at-least-once. The update is conditional on still holding the lease.
 */
final class AttemptRecorder {
    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Duration disableAfter;

    /** What the write changed, for the operational events that follow it. */
    record Recorded(String attemptId, Instant at, boolean endpointDisabled, Instant failingSince) {
    }

    AttemptRecorder(Database db, Ids ids, Clock clock, Duration disableAfter) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.disableAfter = disableAfter;
    }

    Recorded record(DeliveryTask task, String url, String owner, SendResult result, RetryDecision decision) {
        Instant now = clock.instant();
        String attemptId = ids.next("atmpt");
        MessageStatus attemptStatus = result instanceof SendResult.Delivered ? MessageStatus.SUCCESS : MessageStatus.FAIL;
        return db.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM delivery_task WHERE id = ?", task.id()) == 0) {
                // the message, its endpoint or its application was deleted while this attempt was in flight
                return new Recorded(attemptId, now, false, null);
            }
            // The attempt row first, then the task: its foreign key locks the message before the task row is
            // locked, the same order in which deleting a message (and its tasks) takes them; the other order
            // deadlocks with such a delete on PostgreSQL. Recorded even when the lease was lost meanwhile.
            Sql.update(c, "INSERT INTO message_attempt (id, msg_id, app_id, endpoint_id, url, status, "
                            + "response_status_code, response, response_duration_ms, trigger_type, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    attemptId, task.msgId(), task.appId(), task.endpointId(), url, attemptStatus.code(),
                    result.statusCode(), result.responseText(), result.durationMs(), task.trigger().code(), now);
            updateTask(c, task, owner, decision, now);
            return updateEndpoint(c, task.endpointId(), attemptId, decision, now);
        });
    }

    /** Finishes a task that cannot be attempted (its endpoint is disabled or its payload is gone). */
    void cancel(DeliveryTask task, String owner) {
        Instant now = clock.instant();
        db.write(c -> Sql.update(c, "UPDATE delivery_task SET status = ?, next_attempt_at = NULL, lease_owner = NULL, "
                + "lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
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
