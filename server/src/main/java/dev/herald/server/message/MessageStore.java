package dev.herald.server.message;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.delivery.Payload;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages of applications; {@code (app, eventId)} is unique. */
public interface MessageStore {

    /** Inserts inside the caller's transaction, in one statement; throws UniqueViolation on a repeated eventId. */
    void insert(Connection c, List<Message> messages) throws SQLException;

    Optional<Message> find(String appId, String idOrEventId);

    Page<Message> list(String appId, MessageFilter filter, ListQuery query);

    /** The payload and its content type, or empty once the payload was pruned or expunged. */
    Optional<Payload> payload(String msgId);

    /**
     * The payloads of several messages by id, read at once, for deliveries about to be made; those pruned or
     * expunged are missing, and so are large ones (each delivery reads its own).
     */
    Map<String, Payload> payloads(Collection<String> msgIds);

    /** Drops the payload (expunge); the message's metadata stays. */
    boolean expungePayload(String appId, String msgId);
}
