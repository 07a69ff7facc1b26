package dev.herald.server.attempt;

import dev.herald.server.http.KeptReplies;
import dev.herald.server.store.Database;
import dev.herald.server.store.IdOrUid;
import dev.herald.server.store.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expunging for GDPR requests: drops message payloads together with the response bodies of their attempts (a
 * receiver may echo what it was sent), keeping the metadata, as the retention sweep does. Purging a whole
 * application also drops what else holds its payloads: the requests captured by its inbound sources and the
 * cached idempotent replies to requests that named it. Work goes in batches, each its own short transaction, so
 * deliveries are never held up for long. A pending delivery of an expunged message is cancelled when it finds no
 * payload.
 */
final class ContentPurge {
    static final String EXPUNGED = "expunged";
    static final String NOT_FOUND = "not-found";
    private static final int BATCH = 500;

    private final Database db;
    private final KeptReplies replies;

    ContentPurge(Database db, KeptReplies replies) {
        this.db = db;
        this.replies = replies;
    }

    /**
     * Expunges every message of the application, walking forward by id until none is left (so messages created
     * while it runs go too), then its captured inbound requests and cached idempotent replies; returns how many
     * messages still had a payload.
     */
    long purgeApp(String appId, String appUid) {
        long purged = expungeMessages(appId);
        deleteInBatches("DELETE FROM inbound_request WHERE id IN (SELECT r.id FROM inbound_request r JOIN "
                + "ingest_source s ON s.id = r.source_id WHERE s.app_id = ? LIMIT " + BATCH + ")", appId);
        deleteInBatches("DELETE FROM idempotency WHERE key IN (SELECT key FROM idempotency WHERE app_key IN (?, ?) "
                + "LIMIT " + BATCH + ")", appId, uidOrId(appId, appUid));
        return purged;
    }

    private long expungeMessages(String appId) {
        long purged = 0;
        String after = "";
        while (true) {
            String from = after;
            Optional<Batch> batch = db.write(c -> {
                List<String> ids = Sql.list(c, "SELECT id FROM message WHERE app_id = ? AND id > ? ORDER BY id "
                        + "LIMIT " + BATCH, rs -> rs.getString(1), appId, from);
                if (ids.isEmpty()) {
                    return Optional.empty();
                }
                // the batch holds every message of the app between its first and last id
                int purgedNow = expungeBetween(c, appId, ids.getFirst(), ids.getLast());
                return Optional.of(new Batch(ids.getLast(), purgedNow));
            });
            if (batch.isEmpty()) {
                return purged;
            }
            purged += batch.get().purged();
            after = batch.get().last();
        }
    }

    /**
     * Expunges the named messages (ids or eventIds) of the application, and the cached idempotent replies that
     * name them; says for each whether it existed.
     */
    Map<String, String> expunge(String appId, String appUid, List<String> idsOrEventIds) {
        Map<String, String> results = new LinkedHashMap<>();
        for (int from = 0; from < idsOrEventIds.size(); from += BATCH) {
            List<String> chunk = idsOrEventIds.subList(from, Math.min(from + BATCH, idsOrEventIds.size()));
            results.putAll(db.write(c -> {
                Map<String, String> chunkResults = new LinkedHashMap<>();
                List<String> expunged = new ArrayList<>();
                for (String key : chunk) {
                    Optional<String> msgId = Sql.one(c, "SELECT id FROM message WHERE app_id = ? AND "
                            + IdOrUid.column(key, "msg", "event_id") + " = ?", rs -> rs.getString(1), appId, key);
                    if (msgId.isPresent()) {
                        expungeBetween(c, appId, msgId.get(), msgId.get());
                        expunged.add(msgId.get());
                    }
                    chunkResults.put(key, msgId.isPresent() ? EXPUNGED : NOT_FOUND);
                }
                forgetRepliesNaming(c, appId, appUid, expunged);
                return chunkResults;
            }));
        }
        return results;
    }

    /**
     * Deletes the application's cached replies that contain one of these message ids (a create's reply does), or
     * that no longer open. They are sealed, so each is opened here; an application keeps its replies 12 hours.
     */
    private void forgetRepliesNaming(Connection c, String appId, String appUid, List<String> msgIds)
            throws SQLException {
        if (msgIds.isEmpty()) {
            return;
        }
        List<String> naming = new ArrayList<>();
        for (KeptReply kept : Sql.list(c, "SELECT key, body FROM idempotency WHERE app_key IN (?, ?) "
                + "AND body IS NOT NULL", rs -> new KeptReply(rs.getString("key"), rs.getBytes("body")),
                appId, uidOrId(appId, appUid))) {
            Optional<String> text = replies.open(kept.body(), kept.key())
                    .map(body -> new String(body, StandardCharsets.UTF_8));
            if (text.isEmpty() || msgIds.stream().anyMatch(text.get()::contains)) {
                naming.add(kept.key());
            }
        }
        if (!naming.isEmpty()) {
            Sql.update(c, "DELETE FROM idempotency WHERE " + db.dialect().isAnyOf("key"),
                    db.dialect().anyOf(c, naming));
        }
    }

    private record KeptReply(String key, byte[] body) {
    }

    private static String uidOrId(String appId, String appUid) {
        return appUid == null ? appId : appUid;
    }

    private void deleteInBatches(String sql, Object... args) {
        while (db.write(c -> Sql.update(c, sql, args)) == BATCH) {
            // a full batch: there may be more
        }
    }

    /** One batch of a whole application's purge: the last message id it reached, and how many had a payload. */
    private record Batch(String last, int purged) {
    }

    /** Expunges the application's messages with ids in [first, last]; returns how many still had a payload. */
    private static int expungeBetween(Connection c, String appId, String first, String last) throws SQLException {
        Sql.update(c, "UPDATE message_attempt SET response = NULL WHERE response IS NOT NULL AND msg_id IN "
                + "(SELECT id FROM message WHERE app_id = ? AND id >= ? AND id <= ?)", appId, first, last);
        return Sql.update(c, "UPDATE message SET payload = NULL WHERE app_id = ? AND id >= ? AND id <= ? "
                + "AND payload IS NOT NULL", appId, first, last);
    }
}
