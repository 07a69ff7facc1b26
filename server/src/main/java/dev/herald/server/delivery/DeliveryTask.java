package dev.herald.server.delivery;

import java.time.Instant;

/**
 * One message on its way to one endpoint: a row of {@code delivery_task}, leased by a node while it is being sent.
 * {@code attemptCount} counts the attempts already made.
 */
public record DeliveryTask(
        String id,
        String msgId,
        String appId,
        String endpointId,
        TriggerType trigger,
        int attemptCount,
        Instant leaseUntil) {

    DeliveryTask withLeaseUntil(Instant until) {
        return new DeliveryTask(id, msgId, appId, endpointId, trigger, attemptCount, until);
    }
}
