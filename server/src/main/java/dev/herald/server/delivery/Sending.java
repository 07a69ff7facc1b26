package dev.herald.server.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@link TaskWork} of a real node: checks the lease, loads the endpoint, waits for the endpoint's throttle slot
 * (with a lease that outlasts the wait), sends, and records through {@link Delivery}.
 */
final class Sending implements TaskWork {
    private final Delivery delivery;
    private final EndpointThrottle throttle;
    private final String nodeId;

    Sending(Delivery delivery, EndpointThrottle throttle, String nodeId) {
        this.delivery = delivery;
        this.throttle = throttle;
        this.nodeId = nodeId;
    }

    @Override
    public Optional<Delivery.Sent> send(DeliveryTask task, Payload knownPayload) throws InterruptedException {
        Optional<DeliveryTask> held = delivery.holdLease(task, nodeId, Duration.ZERO);
        Optional<EndpointCache.Target> target = held.isEmpty() ? Optional.empty() : delivery.endpointOf(task);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Integer rate = target.get().endpoint().throttleRate();
        if (rate != null && rate > 0) {
            Duration wait = throttle.reserve(task.endpointId(), rate);
            if (!wait.isZero()) {
                held = delivery.holdLease(held.get(), nodeId, wait);
                if (held.isEmpty()) {
                    return Optional.empty();
                }
                Thread.sleep(wait);
            }
        }
        return delivery.send(held.get(), target.get(), knownPayload, nodeId);
    }

    @Override
    public void record(Delivery.Sent sent) {
        delivery.record(sent, nodeId);
    }
}
