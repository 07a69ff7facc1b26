package dev.herald.server.delivery;

import java.time.Duration;

/**
 * Paces the sends to something that set a {@code throttleRate} (an endpoint, or an application for all its
 * endpoints together): each send reserves the next free slot of its key, and the slots of one key lie at least
 * {@code ceil(1 s / rate)} apart, so no one-second window holds more than {@code rate} of them. The caller waits
 * until its slot and sends then, never earlier.
 */
interface Throttle {

    /** Reserves the next send slot for this key and returns how long to wait for it (zero when it is now). */
    Duration reserve(String key, int perSecond);

    /** The spacing of slots for a rate, rounded up so that {@code perSecond} slots never fit in less than a second. */
    static long intervalIn(long unitsPerSecond, int perSecond) {
        return (unitsPerSecond + perSecond - 1) / perSecond;
    }
}
