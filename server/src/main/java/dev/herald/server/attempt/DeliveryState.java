package dev.herald.server.attempt;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.server.delivery.MessageStatus;
import dev.herald.server.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Where one message stands with one endpoint, as Svix reports it: the task's status, shown as "sending" while a
 * node holds its lease, and when the next try is due (null once the task is finished).
 */
record DeliveryState(MessageStatus status, Instant nextAttempt) {
    /** The reported status code of a {@code delivery_task} row aliased {@code t}; binds one parameter: now. */
    static final String STATUS_SQL = "CASE WHEN t.status = " + MessageStatus.PENDING.code()
            + " AND t.lease_until > ? THEN " + MessageStatus.SENDING.code() + " ELSE t.status END";

    /** The columns {@link #read} needs, after {@link #STATUS_SQL}'s parameter. */
    static final String COLUMNS = STATUS_SQL + " AS task_status, t.next_attempt_at AS task_next_attempt";

    static DeliveryState read(ResultSet rs) throws SQLException {
        return new DeliveryState(MessageStatus.of(rs.getInt("task_status")), Sql.instant(rs, "task_next_attempt"));
    }

    @JsonProperty("statusText")
    String statusText() {
        return status.text();
    }
}
