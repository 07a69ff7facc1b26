package dev.herald.server.attempt;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.message.JdbcMessageStore;
import dev.herald.server.store.Database;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the attempt log ({@code message_attempt} rows, which the delivery engine writes) newest first, joined to
 * the attempted message for Svix's message filters, and expunges an attempt's response body on request.
 */
final class AttemptLog {
    /** What an expunged response body reads as afterwards (Svix writes the same marker). */
    static final String EXPUNGED = "EXPUNGED";

    private final Database db;

    AttemptLog(Database db) {
        this.db = db;
    }

    Page<Attempt> list(String appId, AttemptFilter filter, ListQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + Attempt.COLUMNS
                + " FROM message_attempt a JOIN message m ON m.id = a.msg_id WHERE a.app_id = ?");
        List<Object> args = new ArrayList<>(List.of(appId));
        filter.msgId().ifPresent(id -> condition(sql, args, "a.msg_id = ?", id));
        filter.endpointId().ifPresent(id -> condition(sql, args, "a.endpoint_id = ?", id));
        filter.status().ifPresent(status -> condition(sql, args, "a.status = ?", status));
        filter.codes().ifPresent(codes -> {
            condition(sql, args, "a.response_status_code >= ?", codes.low());
            condition(sql, args, "a.response_status_code <= ?", codes.high());
        });
        filter.before().ifPresent(t -> condition(sql, args, "a.created_at < ?", t));
        filter.after().ifPresent(t -> condition(sql, args, "a.created_at > ?", t));
        JdbcMessageStore.appendFilter(sql, args, filter.message(), "m.");
        return db.read(c -> Paging.page(c, sql.toString(), "a.id", query, Attempt::map, Attempt::id,
                args.toArray()));
    }

    Optional<Attempt> find(String msgId, String attemptId) {
        return db.read(c -> Sql.one(c, "SELECT " + Attempt.COLUMNS + " FROM message_attempt a "
                + "WHERE a.msg_id = ? AND a.id = ?", Attempt::map, msgId, attemptId));
    }

    /** Replaces the response body kept for one attempt; false when there is no such attempt of the message. */
    boolean expungeContent(String msgId, String attemptId) {
        return db.write(c -> Sql.update(c, "UPDATE message_attempt SET response = ? WHERE msg_id = ? AND id = ?",
                EXPUNGED, msgId, attemptId)) == 1;
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object arg) {
        sql.append(" AND ").append(condition);
        args.add(arg);
    }
}
