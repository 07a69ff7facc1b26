package dev.herald.server.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.store.Database;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CaptureStore} in SQL shared by SQLite and PostgreSQL: the body as a BLOB/BYTEA exactly as received, the
 * headers as a JSON list of {@code [name, value]} pairs so order, case and repeats survive.
 */
final class JdbcCaptureStore implements CaptureStore {
    /** body_size is NULL in rows from before schema V8, which kept every body whole. */
    private static final String SUMMARY_COLUMNS = "id, source_id, method, path, query, headers, "
            + "COALESCE(body_size, LENGTH(body)) AS body_size, LENGTH(body) AS kept_size, remote_address, "
            + "received_at, status, failure_reason, msg_id";
    private static final String INSERT = "INSERT INTO inbound_request (id, source_id, method, path, query, headers, "
            + "body, body_size, remote_address, received_at, status, failure_reason, msg_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;

    JdbcCaptureStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(CapturedRequest r) {
        db.write(c -> insertRow(c, r));
    }

    @Override
    public void insert(Connection c, CapturedRequest r) throws SQLException {
        insertRow(c, r);
    }

    @Override
    public boolean claimDelivery(Connection c, String sourceId, String deliveryId, String requestId)
            throws SQLException {
        return Sql.update(c, "INSERT INTO inbound_delivery (source_id, delivery_id, request_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (source_id, delivery_id) DO NOTHING", sourceId, deliveryId, requestId) == 1;
    }

    /** Read first, so that a flood past the quota costs a read each, not a write that waits for the disk. */
    @Override
    public boolean insertWithinQuota(CapturedRequest r, int limit, String sinceId) {
        if (db.read(c -> keptRecently(c, r.sourceId(), limit, sinceId)) >= limit) {
            return false;
        }
        return db.write(c -> keptRecently(c, r.sourceId(), limit, sinceId) < limit && insertRow(c, r) == 1);
    }

    /** Refused and duplicate requests of the source from {@code sinceId} on, counted up to {@code limit}. */
    private static long keptRecently(Connection c, String sourceId, int limit, String sinceId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM inbound_request WHERE source_id = ? "
                + "AND status IN (?, ?) AND id >= ? LIMIT ?) recent", sourceId,
                CaptureStatus.FAILED.wireName(), CaptureStatus.DUPLICATE.wireName(), sinceId, limit);
    }

    private static int insertRow(Connection c, CapturedRequest r) throws SQLException {
        return Sql.update(c, INSERT, r.id(), r.sourceId(), r.method(), r.path(), r.query(), headersJson(r.headers()),
                r.body(), r.bodySize(), r.remoteAddress(), r.receivedAt(), r.status().wireName(), r.failureReason(),
                r.msgId());
    }

    @Override
    public Optional<CapturedRequest> find(String sourceId, String id) {
        return db.read(c -> Sql.one(c, "SELECT " + SUMMARY_COLUMNS + ", body FROM inbound_request "
                + "WHERE source_id = ? AND id = ?", rs -> map(rs, rs.getBytes("body")), sourceId, id));
    }

    @Override
    public Page<CapturedRequest> list(String sourceId, Optional<CaptureStatus> status, ListQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS
                + " FROM inbound_request WHERE source_id = ?");
        List<Object> args = new ArrayList<>(List.of(sourceId));
        status.ifPresent(s -> {
            sql.append(" AND status = ?");
            args.add(s.wireName());
        });
        return db.read(c -> Paging.page(c, sql.toString(), "id", query, rs -> map(rs, null), CapturedRequest::id,
                args.toArray()));
    }

    @Override
    public Page<CapturedRequest> refused(String sourceId, ListQuery query) {
        return db.read(c -> Paging.page(c, "SELECT " + SUMMARY_COLUMNS + ", body FROM inbound_request "
                + "WHERE source_id = ? AND status = ?", "id", query, rs -> map(rs, rs.getBytes("body")),
                CapturedRequest::id, sourceId, CaptureStatus.FAILED.wireName()));
    }

    @Override
    public void markFailed(String id, String reason) {
        db.write(c -> Sql.update(c, "UPDATE inbound_request SET status = ?, failure_reason = ? WHERE id = ?",
                CaptureStatus.FAILED.wireName(), reason, id));
    }

    @Override
    public void markForwarded(Connection c, String id, String msgId) throws SQLException {
        Sql.update(c, "UPDATE inbound_request SET status = ?, failure_reason = NULL, msg_id = ? WHERE id = ?",
                CaptureStatus.FORWARDED.wireName(), msgId, id);
    }

    private static String headersJson(List<Map.Entry<String, String>> headers) {
        return Json.writeString(headers.stream().map(h -> List.of(h.getKey(), h.getValue())).toList());
    }

    private static List<Map.Entry<String, String>> headers(String json) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (JsonNode pair : Json.readTrusted(json)) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(pair.get(0).textValue(), pair.get(1).textValue()));
        }
        return out;
    }

    private static CapturedRequest map(ResultSet rs, byte[] body) throws SQLException {
        return new CapturedRequest(rs.getString("id"), rs.getString("source_id"), rs.getString("method"),
                rs.getString("path"), rs.getString("query"), headers(rs.getString("headers")), body,
                rs.getLong("body_size"), rs.getLong("kept_size") < rs.getLong("body_size"),
                rs.getString("remote_address"), Sql.instant(rs, "received_at"),
                CaptureStatus.fromWire(rs.getString("status")), rs.getString("failure_reason"),
                rs.getString("msg_id"));
    }
}
