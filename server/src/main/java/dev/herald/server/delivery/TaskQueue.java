package dev.herald.server.delivery;

import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The delivery queue, which is data: {@code delivery_task} rows with a due time and a lease. A node leases due rows
 * before it sends them; PostgreSQL nodes skip rows another node is leasing at that moment, and a lease that is not
 * finished or renewed in time lapses, so a dead node's work goes back to the pool.
 */
public final class TaskQueue {
    private static final String COLUMNS = "id, msg_id, app_id, endpoint_id, trigger_type, attempt_count, lease_until";

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
    }

    /** Inserts tasks inside the caller's transaction (the message's own), due now. */
    public void insert(Connection c, Collection<NewTask> tasks, Instant now) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_task (id, msg_id, app_id, endpoint_id, "
                + "status, trigger_type, attempt_count, next_attempt_at, lease_owner, lease_until, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)")) {
            for (NewTask t : tasks) {
                Sql.bind(ps, t.id(), t.msgId(), t.appId(), t.endpointId(), MessageStatus.PENDING.code(),
                        t.trigger().code(), now, t.leaseOwner(), t.leaseUntil(), now, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Re-arms the existing (message, endpoint) task for another attempt (resend, recover), leased as {@code task}
     * says; empty when the message was never meant for that endpoint.
     */
    public Optional<DeliveryTask> rearm(Connection c, NewTask task, Instant now) throws SQLException {
        int updated = Sql.update(c, "UPDATE delivery_task SET status = ?, trigger_type = ?, next_attempt_at = ?, "
                        + "lease_owner = ?, lease_until = ?, updated_at = ? WHERE msg_id = ? AND endpoint_id = ?",
                MessageStatus.PENDING.code(), task.trigger().code(), now, task.leaseOwner(), task.leaseUntil(), now,
                task.msgId(), task.endpointId());
        if (updated == 0) {
            return Optional.empty();
        }
        return Sql.one(c, "SELECT " + COLUMNS + " FROM delivery_task WHERE msg_id = ? AND endpoint_id = ?",
                TaskQueue::map, task.msgId(), task.endpointId());
    }

    /** True when some task is due and not leased (a cheap read before the leasing write). */
    public boolean anyDue(Instant now) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM delivery_task WHERE next_attempt_at <= ? "
                + "AND (lease_until IS NULL OR lease_until < ?) LIMIT 1) due", now, now) > 0);
    }

    /** Leases up to {@code limit} due tasks for {@code owner} until {@code until}, oldest due first. */
    public List<DeliveryTask> leaseDue(Instant now, int limit, String owner, Instant until) {
        String sql = "UPDATE delivery_task SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id FROM "
                + "delivery_task WHERE next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
                + "ORDER BY next_attempt_at LIMIT " + limit + db.dialect().skipLocked() + ") RETURNING " + COLUMNS;
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, owner, until, now, now);
                try (ResultSet rs = ps.executeQuery()) {
                    List<DeliveryTask> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                    return out;
                }
            }
        });
    }

    /** Extends a lease still held by {@code owner}; false when it lapsed and another node may have the task. */
    public boolean renew(String taskId, String owner, Instant until) {
        return db.write(c -> Sql.update(c, "UPDATE delivery_task SET lease_until = ? WHERE id = ? AND lease_owner = ? "
                + "AND next_attempt_at IS NOT NULL", until, taskId, owner)) == 1;
    }

    /** Hands tasks back to the pool (shutdown): they become due for any node at once. */
    public void release(Collection<String> taskIds, String owner) {
        if (taskIds.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>();
        args.add(owner);
        args.addAll(taskIds);
        db.write(c -> Sql.update(c, "UPDATE delivery_task SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner = ? AND id IN (" + Sql.placeholders(taskIds.size()) + ")", args.toArray()));
    }

    /** At start of the embedded store (one process only): leases of a previous process are void. */
    public void releaseAll() {
        db.write(c -> Sql.update(c, "UPDATE delivery_task SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner IS NOT NULL"));
    }

    static DeliveryTask map(ResultSet rs) throws SQLException {
        return new DeliveryTask(rs.getString("id"), rs.getString("msg_id"), rs.getString("app_id"),
                rs.getString("endpoint_id"), TriggerType.of(rs.getInt("trigger_type")), rs.getInt("attempt_count"),
                Sql.instant(rs, "lease_until"));
    }
}
