package dev.herald.server.attempt;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.message.JdbcMessageStore;
import dev.herald.server.store.Database;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
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
        Conditions where = new Conditions("SELECT " + Attempt.COLUMNS
                + " FROM message_attempt a JOIN message m ON m.id = a.msg_id WHERE a.app_id = ?", appId)
                .andIf(filter.msgId(), "a.msg_id = ?")
                .andIf(filter.endpointId(), "a.endpoint_id = ?")
                .andIf(filter.status(), "a.status = ?")
                .andIf(filter.codes().map(QueryParams.CodeRange::low), "a.response_status_code >= ?")
                .andIf(filter.codes().map(QueryParams.CodeRange::high), "a.response_status_code <= ?")
                .andIf(filter.before(), "a.created_at < ?")
                .andIf(filter.after(), "a.created_at > ?");
        JdbcMessageStore.appendFilter(where.sql, where.args, filter.message(), "m.", db.dialect());
        return db.read(c -> Paging.page(c, where.text(), "a.id", query, Attempt::map, Attempt::id, where.values()));
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
}
