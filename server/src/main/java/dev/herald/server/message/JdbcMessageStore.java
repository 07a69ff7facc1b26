package dev.herald.server.message;

import dev.herald.server.core.Json;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.delivery.Payload;
import dev.herald.server.store.Database;
import dev.herald.server.store.IdOrUid;
import dev.herald.server.store.Dialect;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link MessageStore} in SQL shared by SQLite and PostgreSQL. */
public final class JdbcMessageStore implements MessageStore {
    static final String COLUMNS =
            "id, app_id, event_id, event_type, payload, channels, tags, created_at, payload_expires_at, content_type, "
            + "deliver_at";

    /**
     * Payloads up to this size are read for tasks as they are leased, and held with them until sent; a larger one
     * is read by its delivery, so that a node holding thousands of leased tasks never holds their big payloads.
     */
    private static final int PREFETCHED_PAYLOAD_BYTES = 16 * 1024;

    private final Database db;

    public JdbcMessageStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Connection c, List<Message> messages) throws SQLException {
        Sql.insertAll(c, "INSERT INTO message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                messages.stream().map(m -> new Object[] {m.id(), m.appId(), m.eventId(), m.eventType(), m.payload(),
                        jsonOrNull(m.channels()), jsonOrNull(m.tags()), m.createdAt(), m.payloadExpiresAt(),
                        m.contentType(), m.deliverAt()}).toList());
    }

    @Override
    public Optional<Message> find(String appId, String idOrEventId) {
        String column = IdOrUid.column(idOrEventId, "msg", "event_id");
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM message WHERE app_id = ? AND " + column + " = ?",
                JdbcMessageStore::map, appId, idOrEventId));
    }

    @Override
    public Page<Message> list(String appId, MessageFilter filter, ListQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM message WHERE app_id = ?");
        List<Object> args = new ArrayList<>(List.of(appId));
        appendFilter(sql, args, filter, "", db.dialect());
        return db.read(c -> Paging.page(c, sql.toString(), "id", query, JdbcMessageStore::map, Message::id,
                args.toArray()));
    }

    /**
     * Adds the filter's conditions on the message table to a WHERE clause; {@code prefix} qualifies the columns
     * (e.g. {@code "m."}) when the attempt log joins messages to its own tables.
     */
    public static void appendFilter(StringBuilder sql, List<Object> args, MessageFilter filter, String prefix,
                                    Dialect dialect) {
        if (!filter.eventTypes().isEmpty()) {
            sql.append(" AND ").append(prefix).append("event_type IN (")
                    .append(Sql.placeholders(filter.eventTypes().size())).append(')');
            args.addAll(filter.eventTypes());
        }
        filter.channel().ifPresent(ch -> {
            sql.append(" AND ").append(dialect.contains(prefix + "channels"));
            args.add(Json.writeString(ch));
        });
        filter.tag().ifPresent(tag -> {
            sql.append(" AND ").append(dialect.contains(prefix + "tags"));
            args.add(Json.writeString(tag));
        });
        filter.before().ifPresent(t -> {
            sql.append(" AND ").append(prefix).append("created_at < ?");
            args.add(t);
        });
        filter.after().ifPresent(t -> {
            sql.append(" AND ").append(prefix).append("created_at > ?");
            args.add(t);
        });
    }

    /** The message columns qualified by {@code prefix}, for queries that join messages and read them with map. */
    public static String columns(String prefix) {
        return prefix + COLUMNS.replace(", ", ", " + prefix);
    }

    @Override
    public Optional<Payload> payload(String msgId) {
        return db.read(c -> Sql.one(c, "SELECT payload, content_type FROM message WHERE id = ?",
                        rs -> new Payload(rs.getBytes(1), rs.getString(2)), msgId))
                .filter(p -> p.body() != null);
    }

    @Override
    public Map<String, Payload> payloads(Collection<String> msgIds) {
        if (msgIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Payload> found = new HashMap<>();
        db.read(c -> Sql.list(c, "SELECT id, payload, content_type FROM message WHERE " + db.dialect().isAnyOf("id")
                + " AND payload IS NOT NULL AND length(payload) <= ?",
                rs -> found.put(rs.getString(1), new Payload(rs.getBytes(2), rs.getString(3))),
                db.dialect().anyOf(c, msgIds), PREFETCHED_PAYLOAD_BYTES));
        return found;
    }

    @Override
    public boolean expungePayload(String appId, String msgId) {
        return db.write(c -> Sql.update(c, "UPDATE message SET payload = NULL WHERE app_id = ? AND id = ?",
                appId, msgId)) == 1;
    }

    private static String jsonOrNull(List<String> values) {
        return values == null ? null : Json.writeString(values);
    }

    public static Message map(ResultSet rs) throws SQLException {
        return new Message(rs.getString("id"), rs.getString("app_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getBytes("payload"), Json.readStringList(rs.getString("channels")),
                Json.readStringList(rs.getString("tags")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "payload_expires_at"), rs.getString("content_type"),
                Sql.instant(rs, "deliver_at"));
    }
}
