package dev.herald.server.ops;

import dev.herald.server.core.Ids;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store from growing without bound: drops message payloads past their retention, attempt response
 * bodies and captured inbound requests older than the retention period, and expired idempotency records. Works
 * in small batches, each its own short transaction, so delivery writes are never held up for long. Message and
 * attempt metadata stays; a captured inbound request is its payload, so it goes whole (and with it, by the foreign
 * key's cascade, the claim on its provider delivery id that deduplicates repeats).
 */
public final class Janitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Janitor.class);
    private static final int BATCH = 1000;

    private final Database db;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private volatile boolean running = true;
    private final Thread thread;
    /** One pass at a time (the periodic one or an operator's); a lock, not synchronized, for virtual threads. */
    private final ReentrantLock passing = new ReentrantLock();
    /**
     * Every attempt below this id has had its body pruned, so a pass starts here instead of walking again over
     * all the old attempts, whose rows stay. Forgotten on restart: the first pass then walks them once.
     */
    private String attemptsPrunedBelow = "";

    /** What one pass removed. */
    public record Swept(long payloads, long attemptBodies, long capturedRequests, long idempotencyKeys,
                        long portalTokens) {
        long total() {
            return payloads + attemptBodies + capturedRequests + idempotencyKeys + portalTokens;
        }
    }

    public Janitor(Database db, Clock clock, Duration retention, Duration interval) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("herald-janitor").start(this::loop);
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(interval.toNanos());
            if (!running) {
                return;
            }
            try {
                Swept swept = sweep();
                if (swept.total() > 0) {
                    log.info("retention sweep payloads={} attemptBodies={} capturedRequests={} idempotencyKeys={} "
                                    + "portalTokens={}", swept.payloads(), swept.attemptBodies(),
                            swept.capturedRequests(), swept.idempotencyKeys(), swept.portalTokens());
                }
            } catch (RuntimeException e) {
                log.warn("retention sweep failed; trying again next time", e);
            }
        }
    }

    /** One full pass (also callable by operators and tests). */
    public Swept sweep() {
        passing.lock();
        try {
            return sweepOnce();
        } finally {
            passing.unlock();
        }
    }

    private Swept sweepOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        long payloads = inBatches("UPDATE message SET payload = NULL WHERE id IN (SELECT id FROM message "
                + "WHERE payload IS NOT NULL AND payload_expires_at < ? LIMIT " + BATCH + ")", now);
        long bodies = pruneAttemptBodies(Ids.lowestAt("atmpt", cutoff));
        // ids sort by creation time, so the oldest rows are found by id, without an index on the time
        long captures = inBatches("DELETE FROM inbound_request WHERE id IN (SELECT id FROM inbound_request "
                + "WHERE id < ? LIMIT " + BATCH + ")", Ids.lowestAt("inreq", cutoff));
        long keys = inBatches("DELETE FROM idempotency WHERE key IN (SELECT key FROM idempotency "
                + "WHERE expires_at < ? LIMIT " + BATCH + ")", now);
        // an app portal token is useless once expired (or ended, which sets its expiry to that moment)
        long tokens = inBatches("DELETE FROM portal_token WHERE token_hash IN (SELECT token_hash FROM portal_token "
                + "WHERE expires_at < ? LIMIT " + BATCH + ")", now);
        return new Swept(payloads, bodies, captures, keys, tokens);
    }

    /** Attempt ids sort by creation time; schema V6 dropped the index on created_at that this used to take. */
    private long pruneAttemptBodies(String below) {
        long total = 0;
        while (true) {
            String from = attemptsPrunedBelow;
            List<String> batch = db.write(c -> {
                List<String> ids = Sql.list(c, "SELECT id FROM message_attempt WHERE id >= ? AND id < ? "
                        + "AND response IS NOT NULL ORDER BY id LIMIT " + BATCH, rs -> rs.getString(1), from, below);
                if (!ids.isEmpty()) {
                    Sql.update(c, "UPDATE message_attempt SET response = NULL WHERE id >= ? AND id <= ? "
                            + "AND response IS NOT NULL", ids.getFirst(), ids.getLast());
                }
                return ids;
            });
            total += batch.size();
            if (batch.size() < BATCH) {
                attemptsPrunedBelow = below;
                return total;
            }
            attemptsPrunedBelow = batch.getLast();
        }
    }

    private long inBatches(String sql, Object cutoff) {
        long total = 0;
        while (true) {
            int n = db.write(c -> Sql.update(c, sql, cutoff));
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
