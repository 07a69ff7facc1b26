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
import java.util.ArrayList;
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

    /** One endpoint a message went to, before the endpoint itself is loaded. */
    record Destination(String endpointId, DeliveryState state) {
    }

    DeliveryStates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The messages sent to an endpoint, newest first; the filter's time window applies to the message. */
    Page<EndpointMessageOut> messagesOf(String endpointId, Optional<Integer> status, MessageFilter filter,
                                        boolean withContent, ListQuery query) {
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("SELECT " + JdbcMessageStore.columns("m.") + ", "
                + DeliveryState.COLUMNS + " FROM delivery_task t JOIN message m ON m.id = t.msg_id "
                + "WHERE t.endpoint_id = ?");
        List<Object> args = new ArrayList<>(List.of(now, endpointId));
        status.ifPresent(code -> {
            sql.append(" AND ").append(DeliveryState.STATUS_SQL).append(" = ?");
            args.add(now);
            args.add(code);
        });
        JdbcMessageStore.appendFilter(sql, args, filter, "m.");
        return db.read(c -> Paging.page(c, sql.toString(), "t.msg_id", query,
                rs -> EndpointMessageOut.of(MessageOut.of(JdbcMessageStore.map(rs), withContent),
                        DeliveryState.read(rs)),
                out -> out.message().id(), args.toArray()));
    }

    /** The endpoints a message was sent to, by endpoint id, newest first. */
    Page<Destination> destinationsOf(String msgId, ListQuery query) {
        return db.read(c -> Paging.page(c, "SELECT t.endpoint_id, " + DeliveryState.COLUMNS
                        + " FROM delivery_task t WHERE t.msg_id = ?", "t.endpoint_id", query,
                rs -> new Destination(rs.getString("endpoint_id"), DeliveryState.read(rs)), Destination::endpointId,
                clock.instant(), msgId));
    }

    /** Counts of the endpoint's messages per status, for messages created in [since, until) when given. */
    EndpointStats stats(String endpointId, Optional<Instant> since, Optional<Instant> until) {
        StringBuilder inner = new StringBuilder("SELECT " + DeliveryState.STATUS_SQL
                + " AS s FROM delivery_task t WHERE t.endpoint_id = ?");
        List<Object> args = new ArrayList<>(List.of(clock.instant(), endpointId));
        since.ifPresent(t -> {
            inner.append(" AND t.created_at >= ?");
            args.add(t);
        });
        until.ifPresent(t -> {
            inner.append(" AND t.created_at < ?");
            args.add(t);
        });
        List<Map.Entry<MessageStatus, Long>> rows = db.read(c -> Sql.list(c,
                "SELECT s, COUNT(*) AS n FROM (" + inner + ") x GROUP BY s",
                rs -> Map.entry(MessageStatus.of(rs.getInt("s")), rs.getLong("n")), args.toArray()));
        Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
        rows.forEach(row -> counts.put(row.getKey(), row.getValue()));
        return new EndpointStats(counts.getOrDefault(MessageStatus.SUCCESS, 0L),
                counts.getOrDefault(MessageStatus.PENDING, 0L), counts.getOrDefault(MessageStatus.SENDING, 0L),
                counts.getOrDefault(MessageStatus.FAIL, 0L), 0);
    }
}
