package dev.herald.server.message;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.delivery.Payload;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Messages of applications; {@code (app, eventId)} is unique. */
public interface MessageStore {

    /** Inserts inside the caller's transaction; throws UniqueViolation on a repeated eventId. */
    void insert(Connection c, Message message) throws SQLException;

    Optional<Message> find(String appId, String idOrEventId);

    Page<Message> list(String appId, MessageFilter filter, ListQuery query);

    /** The payload and its content type, or empty once the payload was pruned or expunged. */
    Optional<Payload> payload(String msgId);

    /** Drops the payload (expunge); the message's metadata stays. */
    boolean expungePayload(String appId, String msgId);
}
