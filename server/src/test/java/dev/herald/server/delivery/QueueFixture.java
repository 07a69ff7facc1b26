package dev.herald.server.delivery;

import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import dev.herald.server.store.TestDatabase;
import dev.herald.server.testing.StoreKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store (SQLite file or PostgreSQL database) holding an application, endpoints and due delivery tasks, for
 * tests that drive the scheduler by hand. Rows are written with plain SQL: the scheduler reads only the queue.
 */
final class QueueFixture implements AutoCloseable {
    static final String APP = "app_fixture";
    private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");

    private final TestDatabase store;
    private final AtomicInteger sequence = new AtomicInteger();

    QueueFixture(StoreKind kind, Path dir) {
        this.store = TestDatabase.open(kind, dir);
        db().write(c -> Sql.update(c, "INSERT INTO application (id, org_id, name, metadata, created_at, updated_at) "
                + "VALUES (?, 'org_default', 'fixture', '{}', ?, ?)", APP, Instant.EPOCH, Instant.EPOCH));
    }

    Database db() {
        return store.database();
    }

    TaskQueue queue() {
        return new TaskQueue(db());
    }

    /** Creates an endpoint (ids sort in creation order) and returns its id. */
    String endpoint() {
        String id = "ep_%05d".formatted(sequence.incrementAndGet());
        db().write(c -> Sql.update(c, "INSERT INTO endpoint (id, app_id, url, description, disabled, metadata, "
                + "headers, created_at, updated_at) VALUES (?, ?, 'http://127.0.0.1:9/', '', ?, '{}', '{}', ?, ?)",
                id, APP, false, Instant.EPOCH, Instant.EPOCH));
        return id;
    }

    /** Creates {@code count} messages, each with one task for the endpoint, due at {@code due}; returns the task ids. */
    List<String> dueTasks(String endpointId, int count, Instant due) {
        List<String> ids = new ArrayList<>();
        db().write(c -> {
            List<TaskQueue.NewTask> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = sequence.incrementAndGet();
                String msgId = "msg_%07d".formatted(n);
                Sql.update(c, "INSERT INTO message (id, app_id, event_type, payload, created_at, payload_expires_at) "
                        + "VALUES (?, ?, 'fixture', ?, ?, ?)", msgId, APP, "{}".getBytes(), due, FAR_FUTURE);
                tasks.add(new TaskQueue.NewTask("task_%07d".formatted(n), msgId, APP, endpointId,
                        TriggerType.SCHEDULED, null, null));
            }
            queue().insert(c, tasks, due);
            tasks.forEach(t -> ids.add(t.id()));
            return null;
        });
        return ids;
    }

    /** Who leases the task and until when, as the store has it. */
    record LeaseRow(String owner, Instant until, Instant nextAttemptAt) {
    }

    LeaseRow lease(String taskId) {
        return db().read(c -> Sql.one(c, "SELECT lease_owner, lease_until, next_attempt_at FROM delivery_task "
                + "WHERE id = ?", rs -> new LeaseRow(rs.getString(1), Sql.instant(rs, "lease_until"),
                Sql.instant(rs, "next_attempt_at")), taskId).orElseThrow());
    }

    long leasedBy(String owner) {
        return db().read(c -> Sql.count(c, "SELECT COUNT(*) FROM delivery_task WHERE lease_owner = ?", owner));
    }

    @Override
    public void close() {
        store.close();
    }
}
