package dev.herald.server.delivery;

import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.time.Duration;

/**
 * The PostgreSQL {@link Throttle}, shared by every node: a key's next free slot is a row (of
 * {@code endpoint_throttle} for endpoints, {@code application_throttle} for applications), advanced in one atomic
 * statement per send, on the database's clock (so the nodes' clocks need not agree). A send waits until its slot,
 * so it starts no earlier than the slot but may start later by the time the answer takes to reach the node. Only
 * throttled endpoints and applications pay this one round trip.
 */
final class SharedThrottle implements Throttle {
    private static final String NOW_US = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";
    private static final String RESERVE = "INSERT INTO %1$s AS t (%2$s, next_slot_us) "
            + "VALUES (?, " + NOW_US + " + ?) ON CONFLICT (%2$s) DO UPDATE "
            + "SET next_slot_us = GREATEST(t.next_slot_us, " + NOW_US + ") + ? RETURNING t.next_slot_us - ?, " + NOW_US;

    private final Database db;
    private final String reserve;

    private SharedThrottle(Database db, String table, String keyColumn) {
        this.db = db;
        this.reserve = RESERVE.formatted(table, keyColumn);
    }

    /** Slots per endpoint, for endpoints' own {@code throttleRate}. */
    static SharedThrottle forEndpoints(Database db) {
        return new SharedThrottle(db, "endpoint_throttle", "endpoint_id");
    }

    /** Slots per application, shared by all its endpoints, for the application's {@code throttleRate}. */
    static SharedThrottle forApplications(Database db) {
        return new SharedThrottle(db, "application_throttle", "app_id");
    }

    /** A reserved slot and the database's time when it was reserved, both in microseconds since the epoch. */
    record Slot(long atMicros, long reservedAtMicros) {
    }

    @Override
    public Duration reserve(String key, int perSecond) {
        Slot slot = reserveSlot(key, perSecond);
        return Duration.ofNanos(Math.max(0, slot.atMicros() - slot.reservedAtMicros()) * 1_000);
    }

    Slot reserveSlot(String key, int perSecond) {
        long interval = Throttle.intervalIn(1_000_000L, perSecond);
        return db.write(c -> Sql.one(c, reserve, rs -> new Slot(rs.getLong(1), rs.getLong(2)),
                key, interval, interval, interval).orElseThrow());
    }
}
