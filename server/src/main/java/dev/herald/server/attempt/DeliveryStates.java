package dev.herald.server.attempt;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.delivery.MessageStatus;
import dev.herald.server.message.JdbcMessageStore;
import dev.herald.server.message.MessageFilter;
import dev.herald.server.message.MessageOut;
import dev.herald.server.store.Database;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads where deliveries stand from the queue itself ({@code delivery_task}, one row per message and endpoint):
 * an endpoint's attempted messages, a message's attempted endpoints, and an endpoint's counts per status.
 */
final class DeliveryStates {
    private final Database db;
    private final Clock clock;

    DeliveryStates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The messages sent to an endpoint, newest first; the filter's time window applies to the message. */
    Page<Attempted<MessageOut>> messagesOf(String endpointId, Optional<Integer> status, MessageFilter filter,
                                           boolean withContent, ListQuery query) {
        Instant now = clock.instant();
        Conditions where = new Conditions("SELECT " + JdbcMessageStore.columns("m.") + ", " + DeliveryState.COLUMNS
                + " FROM delivery_task t JOIN message m ON m.id = t.msg_id WHERE t.endpoint_id = ?", now, endpointId);
        status.ifPresent(code -> where.and(DeliveryState.STATUS_SQL + " = ?", now, code));
        JdbcMessageStore.appendFilter(where.sql, where.args, filter, "m.", db.dialect());
        return db.read(c -> Paging.page(c, where.text(), "t.msg_id", query,
                rs -> new Attempted<>(MessageOut.of(JdbcMessageStore.map(rs), withContent), DeliveryState.read(rs)),
                out -> out.subject().id(), where.values()));
    }

    /** The endpoints (by id) a message was sent to, newest first. */
    Page<Attempted<String>> destinationsOf(String msgId, ListQuery query) {
        return db.read(c -> Paging.page(c, "SELECT t.endpoint_id, " + DeliveryState.COLUMNS
                        + " FROM delivery_task t WHERE t.msg_id = ?", "t.endpoint_id", query,
                rs -> new Attempted<>(rs.getString("endpoint_id"), DeliveryState.read(rs)), Attempted::subject,
                clock.instant(), msgId));
    }

    /** Counts of the endpoint's messages per status, for messages created in [since, until) when given. */
    EndpointStats stats(String endpointId, Optional<Instant> since, Optional<Instant> until) {
        Conditions where = new Conditions("SELECT " + DeliveryState.STATUS_SQL
                + " AS s FROM delivery_task t WHERE t.endpoint_id = ?", clock.instant(), endpointId)
                .andIf(since, "t.created_at >= ?")
                .andIf(until, "t.created_at < ?");
        List<Map.Entry<MessageStatus, Long>> rows = db.read(c -> Sql.list(c,
                "SELECT s, COUNT(*) AS n FROM (" + where.text() + ") x GROUP BY s",
                rs -> Map.entry(MessageStatus.of(rs.getInt("s")), rs.getLong("n")), where.values()));
        Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
        rows.forEach(row -> counts.put(row.getKey(), row.getValue()));
        return new EndpointStats(counts.getOrDefault(MessageStatus.SUCCESS, 0L),
                counts.getOrDefault(MessageStatus.PENDING, 0L), counts.getOrDefault(MessageStatus.SENDING, 0L),
                counts.getOrDefault(MessageStatus.FAIL, 0L), 0);
    }
}
