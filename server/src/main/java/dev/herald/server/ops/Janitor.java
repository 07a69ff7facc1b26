package dev.herald.server.ops;

import dev.herald.server.core.Ids;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store from growing without bound: drops message payloads past their retention, attempt response
 * bodies older than the retention period, and expired idempotency records. Works in small batches, each its own
 * short transaction, so delivery writes are never held up for long. Message metadata stays.
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

    /** What one pass removed. */
    public record Swept(long payloads, long attemptBodies, long idempotencyKeys) {
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
                if (swept.payloads() + swept.attemptBodies() + swept.idempotencyKeys() > 0) {
                    log.info("retention sweep payloads={} attemptBodies={} idempotencyKeys={}", swept.payloads(),
                            swept.attemptBodies(), swept.idempotencyKeys());
                }
            } catch (RuntimeException e) {
                log.warn("retention sweep failed; trying again next time", e);
            }
        }
    }

    /** One full pass (also callable by operators and tests). */
    public Swept sweep() {
        Instant now = clock.instant();
        long payloads = inBatches("UPDATE message SET payload = NULL WHERE id IN (SELECT id FROM message "
                + "WHERE payload IS NOT NULL AND payload_expires_at < ? LIMIT " + BATCH + ")", now);
        // attempt ids sort by creation time (schema V6 dropped the index on created_at that this used to take)
        long bodies = inBatches("UPDATE message_attempt SET response = NULL WHERE id IN (SELECT id FROM "
                + "message_attempt WHERE id < ? AND response IS NOT NULL LIMIT " + BATCH + ")",
                Ids.lowestAt("atmpt", now.minus(retention)));
        long keys = inBatches("DELETE FROM idempotency WHERE key IN (SELECT key FROM idempotency "
                + "WHERE expires_at < ? LIMIT " + BATCH + ")", now);
        return new Swept(payloads, bodies, keys);
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
