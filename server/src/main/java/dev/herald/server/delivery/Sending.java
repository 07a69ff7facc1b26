package dev.herald.server.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@link TaskWork} of a real node: checks the lease, loads the endpoint, waits for the endpoint's throttle slot
 * and then for its application's (each wait with a lease that outlasts it), sends, and records through
 * {@link Delivery}. The application's slot is reserved last, when the send is otherwise ready, so that its slots
 * are spent by sends that go out at them.
 */
final class Sending implements TaskWork {
    private final Delivery delivery;
    private final Throttle endpointThrottle;
    private final Throttle appThrottle;
    private final String nodeId;

    Sending(Delivery delivery, Throttle endpointThrottle, Throttle appThrottle, String nodeId) {
        this.delivery = delivery;
        this.endpointThrottle = endpointThrottle;
        this.appThrottle = appThrottle;
        this.nodeId = nodeId;
    }

    @Override
    public Optional<Delivery.Sent> send(DeliveryTask task, Payload knownPayload) throws InterruptedException {
        Optional<DeliveryTask> held = delivery.holdLease(task, nodeId, Duration.ZERO);
        Optional<EndpointCache.Target> target = held.isEmpty() ? Optional.empty() : delivery.endpointOf(task);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        held = paced(held.get(), endpointThrottle, task.endpointId(), target.get().endpoint().throttleRate());
        if (held.isPresent()) {
            held = paced(held.get(), appThrottle, task.appId(), target.get().appThrottleRate());
        }
        return held.isEmpty() ? Optional.empty() : delivery.send(held.get(), target.get(), knownPayload, nodeId);
    }

    /**
     * Waits for the next slot of {@code key} when it has a rate, holding the lease over the wait; empty when the
     * lease was lost meanwhile.
     */
    private Optional<DeliveryTask> paced(DeliveryTask task, Throttle throttle, String key, Integer rate)
            throws InterruptedException {
        if (rate == null || rate <= 0) {
            return Optional.of(task);
        }
        Duration wait = throttle.reserve(key, rate);
        if (wait.isZero()) {
            return Optional.of(task);
        }
        Optional<DeliveryTask> held = delivery.holdLease(task, nodeId, wait);
        if (held.isPresent()) {
            Thread.sleep(wait);
        }
        return held;
    }

    @Override
    public void record(Delivery.Sent sent) {
        delivery.record(sent, nodeId);
    }
}
