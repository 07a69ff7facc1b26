package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one leased task through the pipeline: check the lease, load endpoint, payload and keys, send, decide the
 * next step, record it, then tell the listeners.
 */
final class Delivery {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private final DeliveryPorts.EndpointLookup endpoints;
    private final DeliveryPorts.PayloadLookup payloads;
    private final DeliveryPorts.SigningKeys keys;
    private final HttpSender sender;
    private final RetryPolicy policy;
    private final AttemptRecorder recorder;
    private final TaskQueue queue;
    private final List<DeliveryListener> listeners;
    private final Clock clock;
    private final Duration lease;
    private final Duration requestTimeout;

    Delivery(DeliveryPorts.EndpointLookup endpoints, DeliveryPorts.PayloadLookup payloads,
             DeliveryPorts.SigningKeys keys, HttpSender sender, RetryPolicy policy, AttemptRecorder recorder,
             TaskQueue queue, List<DeliveryListener> listeners, Clock clock, Duration lease, Duration requestTimeout) {
        this.endpoints = endpoints;
        this.payloads = payloads;
        this.keys = keys;
        this.sender = sender;
        this.policy = policy;
        this.recorder = recorder;
        this.queue = queue;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.lease = lease;
        this.requestTimeout = requestTimeout;
    }

    /** Loads the endpoint a task goes to; empty when it was deleted (its tasks went with it). */
    Optional<Endpoint> endpointOf(DeliveryTask task) {
        return endpoints.find(task.endpointId());
    }

    /** Whether the lease still covers a whole attempt, renewing it if not; false when it was lost. */
    boolean holdLease(DeliveryTask task, String owner) {
        Instant now = clock.instant();
        if (task.leaseUntil() != null && task.leaseUntil().isAfter(now.plus(requestTimeout).plusSeconds(10))) {
            return true;
        }
        return queue.renew(task.id(), owner, now.plus(lease));
    }

    void run(DeliveryTask task, Endpoint endpoint, Payload knownPayload, String owner) {
        if (endpoint.disabled()) {
            recorder.cancel(task, owner);
            return;
        }
        Optional<Payload> payload = knownPayload != null ? Optional.of(knownPayload) : payloads.payload(task.msgId());
        if (payload.isEmpty()) {
            recorder.cancel(task, owner);
            log.warn("task without payload cancelled task={} msg={}", task.id(), task.msgId());
            return;
        }
        SendResult result = sender.send(new WebhookRequest(endpoint.url(), task.msgId(), payload.get().body(),
                payload.get().contentTypeOrJson(), endpoint.headers(),
                keys.forEndpoint(endpoint.id(), clock.instant())));
        RetryDecision decision = policy.decide(result, task.attemptCount() + 1, task.trigger(), clock.instant());
        AttemptRecorder.Recorded recorded = recorder.record(task, endpoint.url(), owner, result, decision);
        for (DeliveryListener listener : listeners) {
            try {
                listener.attempted(task, endpoint, result, decision, recorded);
            } catch (RuntimeException e) {
                log.warn("delivery listener failed listener={}", listener.getClass().getSimpleName(), e);
            }
        }
    }
}
