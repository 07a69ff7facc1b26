package dev.herald.server.attempt;

import dev.herald.server.delivery.MessageStatus;
import dev.herald.server.delivery.TriggerType;
import dev.herald.server.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One try to deliver a message to an endpoint, as the attempt log keeps it (a {@code message_attempt} row). */
record Attempt(
        String id,
        String msgId,
        String endpointId,
        String url,
        MessageStatus status,
        int responseStatusCode,
        String response,
        long responseDurationMs,
        TriggerType trigger,
        Instant createdAt) {

    static final String COLUMNS = "a.id, a.msg_id, a.endpoint_id, a.url, a.status, a.response_status_code, "
            + "a.response, a.response_duration_ms, a.trigger_type, a.created_at";

    static Attempt map(ResultSet rs) throws SQLException {
        return new Attempt(rs.getString("id"), rs.getString("msg_id"), rs.getString("endpoint_id"),
                rs.getString("url"), MessageStatus.of(rs.getInt("status")), rs.getInt("response_status_code"),
                rs.getString("response"), rs.getLong("response_duration_ms"), TriggerType.of(rs.getInt("trigger_type")),
                Sql.instant(rs, "created_at"));
    }
}
