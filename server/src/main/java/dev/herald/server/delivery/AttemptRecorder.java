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
import java.util.Arrays;
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
    private static final String ATTEMPT_COLUMNS = "id, msg_id, app_id, endpoint_id, url, status, "
            + "response_status_code, response, response_duration_ms, trigger_type, created_at";
    private static final String INSERT_ATTEMPT = "INSERT INTO message_attempt (" + ATTEMPT_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The element types of an attempt row's columns, and then of its task's id. */
    private static final String[] ATTEMPT_TYPES = {"text", "text", "text", "text", "text", "int4", "int4", "text",
            "int8", "int4", "int8", "text"};
    /**
     * A batch of successes on PostgreSQL: the attempts whose tasks still exist (the message, its endpoint or its
     * application may have been deleted while they were in flight), their tasks finished where this node still holds
     * the lease, and their endpoints' failure streaks ended; in this order, which is {@link #recordOne}'s.
     */
    private static final String RECORD_SUCCESSES_ON_POSTGRESQL = "INSERT INTO message_attempt (" + ATTEMPT_COLUMNS
            + ") SELECT " + ATTEMPT_COLUMNS + " FROM unnest(" + String.join(", ", Arrays.stream(ATTEMPT_TYPES)
                    .map(type -> "?::" + type + "[]").toList()) + ") AS a(" + ATTEMPT_COLUMNS + ", task_id) "
            + "WHERE EXISTS (SELECT 1 FROM delivery_task t WHERE t.id = a.task_id); "
            + "UPDATE delivery_task d SET status = ?, attempt_count = d.attempt_count + 1, next_attempt_at = NULL, "
            + "lease_owner = NULL, lease_until = NULL, updated_at = ? FROM unnest(?::text[], ?::text[]) AS o(id, owner) "
            + "WHERE d.id = o.id AND d.lease_owner = o.owner AND d.id IN ("
            + TaskQueue.inIdOrder(Dialect.POSTGRESQL) + "); "
            + "UPDATE endpoint SET failing_since = NULL WHERE failing_since IS NOT NULL AND id = ANY(?)";
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
     * tasks still exist, their attempt rows, their tasks finished, and their endpoints' failure streaks ended. Locks
     * are taken in {@link #recordOne}'s order: messages (through the attempts' foreign key), then tasks. PostgreSQL
     * gets the same writes in one text, sent and committed in one round trip where these take five.
     */
    private List<Recorded> recordSuccesses(List<Outcome> outcomes) {
        if (db.dialect() == Dialect.POSTGRESQL) {
            db.writeInOneRoundTrip(c -> Sql.update(c, RECORD_SUCCESSES_ON_POSTGRESQL, successArguments(c, outcomes)));
        } else {
            db.write(c -> recordSuccesses(c, outcomes));
        }
        return outcomes.stream().map(Outcome::recorded).toList();
    }

    private static int recordSuccesses(Connection c, List<Outcome> outcomes) throws SQLException {
        Dialect dialect = Dialect.SQLITE;
        Set<String> live = new HashSet<>(Sql.list(c, "SELECT id FROM delivery_task WHERE "
                + dialect.isAnyOf("id"), rs -> rs.getString(1),
                dialect.anyOf(c, outcomes.stream().map(o -> o.task().id()).toList())));
        List<Outcome> kept = outcomes.stream().filter(o -> live.contains(o.task().id())).toList();
        if (kept.isEmpty()) {
            return 0;
        }
        Sql.insertAll(c, INSERT_ATTEMPT, kept.stream().map(Outcome::attemptRow).toList());
        Map<String, List<String>> tasksByOwner = kept.stream().collect(Collectors.groupingBy(Outcome::owner,
                Collectors.mapping(o -> o.task().id(), Collectors.toList())));
        for (Map.Entry<String, List<String>> owned : tasksByOwner.entrySet()) {
            Sql.update(c, "UPDATE delivery_task SET status = ?, attempt_count = attempt_count + 1, "
                            + "next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ? "
                            + "WHERE lease_owner = ? AND id IN (" + TaskQueue.inIdOrder(dialect) + ")",
                    MessageStatus.SUCCESS.code(), kept.get(0).at(), owned.getKey(), dialect.anyOf(c, owned.getValue()));
        }
        return Sql.update(c, "UPDATE endpoint SET failing_since = NULL WHERE failing_since IS NOT NULL AND "
                + dialect.isAnyOf("id"), dialect.anyOf(c, endpointsOf(kept)));
    }

    /** The endpoints of these outcomes, each once, in id order (the order in which their rows are locked). */
    private static List<String> endpointsOf(List<Outcome> outcomes) {
        return outcomes.stream().map(o -> o.task().endpointId()).distinct().sorted().toList();
    }

    /** The arguments of {@link #RECORD_SUCCESSES_ON_POSTGRESQL}, in its order. */
    private static Object[] successArguments(Connection c, List<Outcome> outcomes) throws SQLException {
        List<Object[]> rows = outcomes.stream().map(o -> {
            Object[] row = Arrays.copyOf(o.attemptRow(), ATTEMPT_TYPES.length);
            row[row.length - 1] = o.task().id();
            return row;
        }).toList();
        List<String> taskIds = outcomes.stream().map(o -> o.task().id()).toList();
        Object[] tail = {MessageStatus.SUCCESS.code(), outcomes.get(0).at(), Dialect.POSTGRESQL.anyOf(c, taskIds),
                Dialect.POSTGRESQL.anyOf(c, outcomes.stream().map(Outcome::owner).toList()),
                Dialect.POSTGRESQL.anyOf(c, taskIds), Dialect.POSTGRESQL.anyOf(c, endpointsOf(outcomes))};
        Object[] columns = Sql.columnArrays(c, rows, ATTEMPT_TYPES);
        Object[] all = Arrays.copyOf(columns, columns.length + tail.length);
        System.arraycopy(tail, 0, all, columns.length, tail.length);
        return all;
    }

    @Override
    public void close() {
        successes.close();
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
