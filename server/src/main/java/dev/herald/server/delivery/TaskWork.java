package dev.herald.server.delivery;

import java.util.Optional;

/**
 * What the {@link Dispatcher} does with a task it holds, in two steps: the request (while the task holds a slot of
 * its endpoint's lane), then the recording of its outcome (after the slot is free). Kept apart from the dispatcher
 * so that scheduling is tested on its own.
 */
interface TaskWork {

    /** Makes one attempt; empty when nothing was sent (lease lost, endpoint gone or disabled, payload gone). */
    Optional<Delivery.Sent> send(DeliveryTask task, Payload knownPayload) throws InterruptedException;

    /** Records an attempt's outcome, which finishes the task or schedules its next try. */
    void record(Delivery.Sent sent);
}
