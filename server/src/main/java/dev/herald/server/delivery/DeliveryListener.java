package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;

/** Side effects of an attempt (metrics, logs, operational events), called after the attempt was recorded. */
interface DeliveryListener {
    void attempted(DeliveryTask task, Endpoint endpoint, SendResult result, RetryDecision decision,
                   AttemptRecorder.Recorded recorded);
}
