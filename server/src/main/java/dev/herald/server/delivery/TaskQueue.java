package dev.herald.server.delivery;

import dev.herald.server.store.Database;
import dev.herald.server.store.Dialect;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery queue, which is data: {@code delivery_task} rows with a due time and a lease. A node leases due rows
 * before it sends them; PostgreSQL nodes skip rows another node is leasing at that moment, and a lease that is not
 * finished or renewed in time lapses, so a dead node's work goes back to the pool.
 *
 * <p>A lease moves the task's {@code next_attempt_at} to the lease's end, so a task is due exactly when
 * {@code next_attempt_at <= now}: a leased task becomes due again only if its lease lapses. Due tasks are found per
 * endpoint ({@link #pendingEndpoints}, {@link #lease}), never oldest-first across all endpoints, so that one
 * endpoint's backlog cannot stand in front of another's work.
 *
 * <p>Leases are written without waiting for the disk ({@link Database#writeNotAwaitingDisk}): a lease that a crash
 * of the database server undoes leaves its task due, as a lapsed one would, and a delivery made meanwhile is made
 * again (at least once, as ever).
 */
public final class TaskQueue {
    private static final String COLUMNS = "id, msg_id, app_id, endpoint_id, trigger_type, attempt_count, lease_until";
    /** Endpoints per leasing statement: one statement serves many endpoints, but its text stays small. */
    private static final int ENDPOINTS_PER_STATEMENT = 32;

    private final Database db;

    public TaskQueue(Database db) {
        this.db = db;
    }

    /** A task to create with a message (or by resend/recover); leased by its creator when {@code leaseOwner} is set. */
    public record NewTask(String id, String msgId, String appId, String endpointId, TriggerType trigger,
                          String leaseOwner, Instant leaseUntil) {
        public DeliveryTask leased() {
            return new DeliveryTask(id, msgId, appId, endpointId, trigger, 0, leaseUntil);
        }

        /** When the task is next due: {@code due} when it is not leased, else when its creator's lease would lapse. */
        Instant dueAt(Instant due) {
            return leaseUntil == null ? due : leaseUntil;
        }
    }

    /** The tasks of one message (or one resend), created at {@code now}, the unleased ones due at {@code due}. */
    public record NewTasks(Collection<NewTask> tasks, Instant now, Instant due) {
    }

    /** An endpoint with pending tasks, and when the earliest of them is due (in the past: due now). */
    record PendingEndpoint(String endpointId, Instant earliestDue) {
    }

    /** Up to {@code count} due tasks wanted for one endpoint. */
    record Want(String endpointId, int count) {
    }

    /** Inserts tasks inside the caller's transaction (the message's own), due now unless leased. */
    public void insert(Connection c, Collection<NewTask> tasks, Instant now) throws SQLException {
        insert(c, tasks, now, now);
    }

    /**
     * Inserts tasks inside the caller's transaction, the unleased ones due at {@code due} (a scheduled message's
     * time, or now): until then they are rows in the store and nothing else, and the poller leases them when due.
     */
    public void insert(Connection c, Collection<NewTask> tasks, Instant now, Instant due) throws SQLException {
        insert(c, List.of(new NewTasks(tasks, now, due)));
    }

    /** Inserts the tasks of several messages inside the caller's transaction, in one statement. */
    public void insert(Connection c, List<NewTasks> groups) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (NewTasks group : groups) {
            for (NewTask t : group.tasks()) {
                rows.add(new Object[] {t.id(), t.msgId(), t.appId(), t.endpointId(), MessageStatus.PENDING.code(),
                        t.trigger().code(), t.dueAt(group.due()), t.leaseOwner(), t.leaseUntil(), group.now(),
                        group.now()});
            }
        }
        Sql.insertAll(c, "INSERT INTO delivery_task (id, msg_id, app_id, endpoint_id, status, trigger_type, "
                + "attempt_count, next_attempt_at, lease_owner, lease_until, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)", rows);
    }

    /**
     * Re-arms the existing (message, endpoint) task for another attempt (resend, recover), leased as {@code task}
     * says; empty when the message was never meant for that endpoint.
     */
    public Optional<DeliveryTask> rearm(Connection c, NewTask task, Instant now) throws SQLException {
        int updated = Sql.update(c, "UPDATE delivery_task SET status = ?, trigger_type = ?, next_attempt_at = ?, "
                        + "lease_owner = ?, lease_until = ?, updated_at = ? WHERE msg_id = ? AND endpoint_id = ?",
                MessageStatus.PENDING.code(), task.trigger().code(), task.dueAt(now), task.leaseOwner(),
                task.leaseUntil(), now, task.msgId(), task.endpointId());
        if (updated == 0) {
            return Optional.empty();
        }
        return Sql.one(c, "SELECT " + COLUMNS + " FROM delivery_task WHERE msg_id = ? AND endpoint_id = ?",
                TaskQueue::map, task.msgId(), task.endpointId());
    }

    /**
     * Up to {@code limit} endpoints that have pending tasks (due or not), in id order after {@code afterEndpointId},
     * each with its earliest due time. One index seek per endpoint (a skip scan), however many tasks each has.
     */
    List<PendingEndpoint> pendingEndpoints(String afterEndpointId, int limit) {
        String next = "SELECT endpoint_id FROM delivery_task WHERE endpoint_id > %s AND next_attempt_at IS NOT NULL "
                + "ORDER BY endpoint_id LIMIT 1";
        String sql = "WITH RECURSIVE pending (endpoint_id, n) AS (SELECT (" + next.formatted("?") + "), 1 "
                + "UNION ALL SELECT (" + next.formatted("p.endpoint_id") + "), p.n + 1 FROM pending p "
                + "WHERE p.endpoint_id IS NOT NULL AND p.n < ?) "
                + "SELECT endpoint_id, (SELECT MIN(t.next_attempt_at) FROM delivery_task t "
                + "WHERE t.endpoint_id = pending.endpoint_id AND t.next_attempt_at IS NOT NULL) AS earliest "
                + "FROM pending WHERE endpoint_id IS NOT NULL";
        return db.read(c -> Sql.list(c, sql, rs -> new PendingEndpoint(rs.getString("endpoint_id"),
                Sql.instant(rs, "earliest")), afterEndpointId, limit));
    }

    /**
     * Leases, for each endpoint wanted, up to its count of due tasks (oldest due first within the endpoint) for
     * {@code owner} until {@code until}. PostgreSQL skips rows another node is leasing at that moment.
     */
    List<DeliveryTask> lease(List<Want> wants, Instant now, String owner, Instant until) {
        List<DeliveryTask> leased = new ArrayList<>();
        for (int from = 0; from < wants.size(); from += ENDPOINTS_PER_STATEMENT) {
            leased.addAll(leaseChunk(wants.subList(from, Math.min(wants.size(), from + ENDPOINTS_PER_STATEMENT)),
                    now, owner, until));
        }
        return leased;
    }

    private List<DeliveryTask> leaseChunk(List<Want> wants, Instant now, String owner, Instant until) {
        StringBuilder picks = new StringBuilder();
        List<Object> args = new ArrayList<>(List.of(owner, until, until));
        for (int i = 0; i < wants.size(); i++) {
            if (i > 0) {
                picks.append(" UNION ALL ");
            }
            picks.append("SELECT id FROM (SELECT id FROM delivery_task WHERE endpoint_id = ? AND next_attempt_at <= ? "
                    + "ORDER BY next_attempt_at LIMIT ?").append(db.dialect().skipLocked()).append(") w").append(i);
            args.addAll(List.of(wants.get(i).endpointId(), now, wants.get(i).count()));
        }
        String sql = "UPDATE delivery_task SET lease_owner = ?, lease_until = ?, next_attempt_at = ? WHERE id IN ("
                + picks + ") RETURNING " + COLUMNS;
        return db.writeNotAwaitingDisk(c -> Sql.list(c, sql, TaskQueue::map, args.toArray()));
    }

    /**
     * Extends the leases still held by {@code owner} to {@code until}; returns the ids it extended. A task missing
     * from the answer is no longer this owner's: finished, deleted, or its lease lapsed and another node took it.
     */
    Set<String> renew(Collection<String> taskIds, String owner, Instant until) {
        if (taskIds.isEmpty()) {
            return Set.of();
        }
        return db.writeNotAwaitingDisk(c -> new HashSet<>(Sql.list(c, "UPDATE delivery_task "
                + "SET lease_until = ?, next_attempt_at = ? WHERE lease_owner = ? AND next_attempt_at IS NOT NULL "
                + "AND id IN (" + inIdOrder(db.dialect()) + ") RETURNING id", rs -> rs.getString(1),
                until, until, owner, db.dialect().anyOf(c, taskIds))));
    }

    /** Hands tasks back to the pool (shutdown): they become due for any node at once. */
    public void release(Collection<String> taskIds, String owner, Instant now) {
        if (taskIds.isEmpty()) {
            return;
        }
        db.writeNotAwaitingDisk(c -> Sql.update(c, "UPDATE delivery_task SET lease_owner = NULL, "
                + "lease_until = NULL, next_attempt_at = ? WHERE lease_owner = ? AND next_attempt_at IS NOT NULL "
                + "AND id IN (" + inIdOrder(db.dialect()) + ")", now, owner, db.dialect().anyOf(c, taskIds)));
    }

    /**
     * The tasks whose ids are bound to its one parameter ({@link Dialect#anyOf}), locked in id order: every
     * statement that changes many tasks by id locks them through this, so that two of them (a lease renewal and
     * the recording of a batch of attempts, say) never wait for each other's rows in opposite orders, which
     * PostgreSQL ends as a deadlock.
     */
    static String inIdOrder(Dialect dialect) {
        return "SELECT id FROM delivery_task WHERE " + dialect.isAnyOf("id") + " ORDER BY id" + dialect.forUpdate();
    }

    /** At start of the embedded store (one process only): leases of a previous process are void. */
    public void releaseAll(Instant now) {
        db.write(c -> Sql.update(c, "UPDATE delivery_task SET lease_owner = NULL, lease_until = NULL, "
                + "next_attempt_at = ? WHERE lease_owner IS NOT NULL AND next_attempt_at IS NOT NULL", now));
    }

    /** How many tasks are due and not leased: the backlog waiting in the store. */
    long countDue(Instant now) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM delivery_task WHERE next_attempt_at <= ?", now));
    }

    static DeliveryTask map(java.sql.ResultSet rs) throws SQLException {
        return new DeliveryTask(rs.getString("id"), rs.getString("msg_id"), rs.getString("app_id"),
                rs.getString("endpoint_id"), TriggerType.of(rs.getInt("trigger_type")), rs.getInt("attempt_count"),
                Sql.instant(rs, "lease_until"));
    }
}
