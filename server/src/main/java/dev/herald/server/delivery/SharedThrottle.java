package dev.herald.server.delivery;

import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.time.Duration;

/**
 * The PostgreSQL {@link EndpointThrottle}, shared by every node: an endpoint's next free slot is a row of
 * {@code endpoint_throttle}, advanced in one atomic statement per send, on the database's clock (so the nodes'
 * clocks need not agree). A send waits until its slot, so it starts no earlier than the slot but may start later
 * by the time the answer takes to reach the node. Only throttled endpoints pay this one round trip.
 */
final class SharedThrottle implements EndpointThrottle {
    private static final String NOW_US = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";
    private static final String RESERVE = "INSERT INTO endpoint_throttle AS t (endpoint_id, next_slot_us) "
            + "VALUES (?, " + NOW_US + " + ?) ON CONFLICT (endpoint_id) DO UPDATE "
            + "SET next_slot_us = GREATEST(t.next_slot_us, " + NOW_US + ") + ? RETURNING t.next_slot_us - ?, " + NOW_US;

    private final Database db;

    SharedThrottle(Database db) {
        this.db = db;
    }

    /** A reserved slot and the database's time when it was reserved, both in microseconds since the epoch. */
    record Slot(long atMicros, long reservedAtMicros) {
    }

    @Override
    public Duration reserve(String endpointId, int perSecond) {
        Slot slot = reserveSlot(endpointId, perSecond);
        return Duration.ofNanos(Math.max(0, slot.atMicros() - slot.reservedAtMicros()) * 1_000);
    }

    Slot reserveSlot(String endpointId, int perSecond) {
        long interval = EndpointThrottle.intervalIn(1_000_000L, perSecond);
        return db.write(c -> Sql.one(c, RESERVE, rs -> new Slot(rs.getLong(1), rs.getLong(2)),
                endpointId, interval, interval, interval).orElseThrow());
    }
}
