package dev.herald.server.listen;

import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code listener} rows: which node holds which listener's WebSocket, with the token that node accepts relayed
 * deliveries with, and when each was last seen; and the session endpoints nobody listened on for a while.
 */
final class Listeners {
    /** A listener connected to some node, as another node reaches it. */
    record Remote(String id, String nodeUrl, String relayToken) {
        @Override
        public String toString() {
            return "Remote[id=" + id + ", nodeUrl=" + nodeUrl + "]";
        }
    }

    /** An endpoint made for a session that is over. */
    record Expired(String appId, String endpointId) {
    }

    private final Database db;

    Listeners(Database db) {
        this.db = db;
    }

    void connected(String id, String endpointId, String nodeUrl, String relayToken, Instant now) {
        db.write(c -> Sql.update(c, "INSERT INTO listener (id, endpoint_id, node_url, relay_token, connected, seen_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, endpointId, nodeUrl, relayToken, true, now));
    }

    void seen(Collection<String> ids, Instant now) {
        for (String id : ids) {
            db.write(c -> Sql.update(c, "UPDATE listener SET seen_at = ? WHERE id = ? AND connected = ?",
                    now, id, true));
        }
    }

    void disconnected(String id, Instant now) {
        db.write(c -> Sql.update(c, "UPDATE listener SET connected = ?, seen_at = ? WHERE id = ?", false, now, id));
    }

    /** The most recently seen listener of the endpoint that is connected to a node, seen since {@code after}. */
    Optional<Remote> connectedTo(String endpointId, Instant after) {
        return db.read(c -> Sql.one(c, "SELECT id, node_url, relay_token FROM listener WHERE endpoint_id = ? "
                + "AND connected = ? AND seen_at > ? ORDER BY seen_at DESC",
                rs -> new Remote(rs.getString("id"), rs.getString("node_url"), rs.getString("relay_token")),
                endpointId, true, after));
    }

    Optional<String> relayToken(String id) {
        return db.read(c -> Sql.one(c, "SELECT relay_token FROM listener WHERE id = ?", rs -> rs.getString(1), id));
    }

    Optional<String> eventType(String msgId) {
        return db.read(c -> Sql.one(c, "SELECT event_type FROM message WHERE id = ?", rs -> rs.getString(1), msgId));
    }

    /**
     * Session endpoints made before {@code idleSince} with no listener seen since then: the session is over (its
     * CLI stopped without cleaning up, or was killed).
     */
    List<Expired> expiredSessions(Instant idleSince) {
        return db.read(c -> Sql.list(c, "SELECT e.app_id, e.id FROM endpoint e WHERE e.url LIKE ? "
                + "AND e.created_at < ? AND NOT EXISTS (SELECT 1 FROM listener l WHERE l.endpoint_id = e.id "
                + "AND l.seen_at >= ?)", rs -> new Expired(rs.getString(1), rs.getString(2)),
                ListenerUrl.SESSION_PREFIX + "%", idleSince, idleSince));
    }

    /** Drops rows of listeners not seen since {@code before}: closed ones, and those of nodes that died. */
    void forget(Instant before) {
        db.write(c -> Sql.update(c, "DELETE FROM listener WHERE seen_at < ?", before));
    }
}
