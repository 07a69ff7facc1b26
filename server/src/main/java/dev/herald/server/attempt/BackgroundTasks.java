package dev.herald.server.attempt;

import dev.herald.server.core.Ids;
import dev.herald.server.core.Json;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.OperationalEvents;
import dev.herald.server.core.Page;
import dev.herald.server.store.Database;
import dev.herald.server.store.Dialect;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long operations started through the API (recover, replay-missing): each runs on a virtual thread and is recorded
 * as a {@code background_task} row that callers poll by its {@code qtask_} id until it reads finished (with its
 * result, e.g. {@code {"messagesSent": 3}}) or failed. Rows belong to an organisation. The end of every task,
 * finished or failed, is raised as the operational event {@code background_task.finished}.
 */
final class BackgroundTasks {
    static final String RUNNING = "running";
    static final String FINISHED = "finished";
    static final String FAILED = "failed";
    private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);
    private static final String COLUMNS = "id, kind, status, data, updated_at";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final OperationalEvents events;

    BackgroundTasks(Database db, Ids ids, Clock clock, OperationalEvents events) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        if (db.dialect() == Dialect.SQLITE) {
            // one process owns the embedded store: tasks a previous process was running died with it
            db.write(c -> Sql.update(c, "UPDATE background_task SET status = ?, updated_at = ? WHERE status = ?",
                    FAILED, clock.instant(), RUNNING));
        }
    }

    /** Records the task as running and starts it; the returned row is what the caller's 202 shows. */
    BackgroundTaskOut start(String orgId, String kind, Supplier<Map<String, Object>> work) {
        Instant now = clock.instant();
        String id = ids.next("qtask");
        db.write(c -> Sql.update(c, "INSERT INTO background_task (id, org_id, kind, status, data, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, orgId, kind, RUNNING, "{}", now, now));
        Thread.ofVirtual().name("herald-" + kind).start(() -> run(orgId, id, kind, work));
        return new BackgroundTaskOut(null, id, RUNNING, kind, now);
    }

    Optional<BackgroundTaskOut> find(String orgId, String id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM background_task WHERE org_id = ? AND id = ?",
                BackgroundTasks::map, orgId, id));
    }

    Page<BackgroundTaskOut> list(String orgId, Optional<String> status, Optional<String> kind, ListQuery query) {
        Conditions where = new Conditions("SELECT " + COLUMNS + " FROM background_task WHERE org_id = ?", orgId)
                .andIf(status, "status = ?")
                .andIf(kind, "kind = ?");
        return db.read(c -> Paging.page(c, where.text(), "id", query, BackgroundTasks::map, BackgroundTaskOut::id,
                where.values()));
    }

    private void run(String orgId, String id, String kind, Supplier<Map<String, Object>> work) {
        String status;
        Map<String, Object> data;
        try {
            data = work.get();
            status = FINISHED;
            log.info("background task finished id={} task={} data={}", id, kind, data);
        } catch (RuntimeException e) {
            log.error("background task failed id={} task={}", id, kind, e);
            data = Map.of("error", "the task stopped on an unexpected error; the server log has the cause");
            status = FAILED;
        }
        String finalStatus = status;
        String json = Json.writeString(data);
        db.write(c -> Sql.update(c, "UPDATE background_task SET status = ?, data = ?, updated_at = ? WHERE id = ?",
                finalStatus, json, clock.instant(), id));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("taskId", id);
        event.put("task", kind);
        event.put("status", status);
        event.put("data", data);
        events.emit(orgId, "background_task.finished", event);
    }

    private static BackgroundTaskOut map(ResultSet rs) throws SQLException {
        return new BackgroundTaskOut(Json.readTrusted(rs.getString("data")), rs.getString("id"),
                rs.getString("status"), rs.getString("kind"), Sql.instant(rs, "updated_at"));
    }
}
