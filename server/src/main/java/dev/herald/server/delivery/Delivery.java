package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.store.WriteBatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one leased task through the pipeline: check the lease, load endpoint, payload and keys, send, decide the
 * next step, record it, then tell the listeners.
 */
final class Delivery implements AutoCloseable {
    /** Lease renewals per statement at most. */
    private static final int MAX_RENEWALS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    /**
     * What a lease must have left beyond the request timeout when a send starts: time to record the attempt, and
     * room for the nodes' clocks to differ (they compare lease times each on their own clock).
     */
    static final Duration LEASE_SLACK = Duration.ofSeconds(10);

    private final EndpointCache endpoints;
    private final DeliveryPorts.PayloadLookup payloads;
    private final Transports sender;
    private final RetryPolicy policy;
    private final AttemptRecorder recorder;
    private final TaskQueue queue;
    private final List<DeliveryListener> listeners;
    private final Clock clock;
    private final Duration lease;
    private final Duration requestTimeout;
    private final WriteBatcher<Renewal, Instant> renewals =
            new WriteBatcher<>("herald-lease-renewal", MAX_RENEWALS, this::renewAll);

    Delivery(EndpointCache endpoints, DeliveryPorts.PayloadLookup payloads, Transports sender, RetryPolicy policy, AttemptRecorder recorder,
             TaskQueue queue, List<DeliveryListener> listeners, Clock clock, Duration lease, Duration requestTimeout) {
        this.endpoints = endpoints;
        this.payloads = payloads;
        this.sender = sender;
        this.policy = policy;
        this.recorder = recorder;
        this.queue = queue;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.lease = lease;
        this.requestTimeout = requestTimeout;
    }

    /** The endpoint a task goes to, with its keys; empty when it was deleted (its tasks went with it). */
    Optional<EndpointCache.Target> endpointOf(DeliveryTask task) {
        return endpoints.find(task.endpointId());
    }

    /**
     * The task with a lease that still covers {@code wait}, a whole attempt and {@link #LEASE_SLACK}, renewed when
     * it would not; empty when the lease was lost (it lapsed and another node took the task, or it is finished).
     */
    Optional<DeliveryTask> holdLease(DeliveryTask task, String owner, Duration wait) {
        Instant now = clock.instant();
        Instant needed = now.plus(wait).plus(requestTimeout).plus(LEASE_SLACK);
        if (task.leaseUntil() != null && task.leaseUntil().isAfter(needed)) {
            return Optional.of(task);
        }
        Instant renewed = renewals.submit(new Renewal(task.id(), owner, now.plus(wait).plus(lease)));
        return renewed == null ? Optional.empty() : Optional.of(task.withLeaseUntil(renewed));
    }

    /** A lease to extend to {@code until}. */
    private record Renewal(String taskId, String owner, Instant until) {
    }

    /**
     * Extends the leases asked for together in one statement per owner (there is one: this node), each to the
     * latest end asked for; returns, for each, the lease's new end, or null when it was lost. Thousands of tasks
     * that waited in their lanes may all need it at once (a message fanned out to many endpoints), and one
     * transaction each would queue them for the store's connections.
     */
    private List<Instant> renewAll(List<Renewal> batch) {
        Map<String, List<Renewal>> byOwner = batch.stream().collect(Collectors.groupingBy(Renewal::owner));
        Map<Renewal, Instant> renewed = new HashMap<>();
        byOwner.forEach((owner, renewals) -> {
            Instant until = renewals.stream().map(Renewal::until).max(Comparator.naturalOrder()).orElseThrow();
            Set<String> held = queue.renew(renewals.stream().map(Renewal::taskId).toList(), owner, until);
            renewals.stream().filter(r -> held.contains(r.taskId())).forEach(r -> renewed.put(r, until));
        });
        return batch.stream().map(renewed::get).toList();
    }

    @Override
    public void close() {
        renewals.close();
    }

    /** A request that was sent, waiting for its outcome to be recorded. */
    record Sent(DeliveryTask task, Endpoint endpoint, SendResult result) {
    }

    /**
     * Makes one attempt and returns it for {@link #record}; empty when nothing was sent (the endpoint is disabled
     * or the payload gone, which finishes the task, or the lease was lost). The lease is checked, and renewed if
     * short, right before the send, after all lookups.
     */
    Optional<Sent> send(DeliveryTask task, EndpointCache.Target target, Payload knownPayload, String owner) {
        Endpoint endpoint = target.endpoint();
        if (endpoint.disabled()) {
            recorder.cancel(task, owner);
            return Optional.empty();
        }
        Optional<Payload> payload = knownPayload != null ? Optional.of(knownPayload) : payloads.payload(task.msgId());
        if (payload.isEmpty()) {
            recorder.cancel(task, owner);
            log.warn("task without payload cancelled task={} msg={}", task.id(), task.msgId());
            return Optional.empty();
        }
        WebhookRequest request = new WebhookRequest(endpoint.url(), task.msgId(), payload.get().body(),
                payload.get().contentTypeOrJson(), endpoint.headers(), target.keys());
        if (holdLease(task, owner, Duration.ZERO).isEmpty()) {
            log.debug("lease lost before sending task={}", task.id());
            return Optional.empty();
        }
        return Optional.of(new Sent(task, endpoint, sender.send(request, endpoint.id())));
    }

    /** Decides what follows an attempt, records it (which is what finishes the task), then tells the listeners. */
    void record(Sent sent, String owner) {
        DeliveryTask task = sent.task();
        Endpoint endpoint = sent.endpoint();
        SendResult result = sent.result();
        RetryDecision decision = policy.decide(result, task.attemptCount() + 1, task.trigger(), clock.instant());
        AttemptRecorder.Recorded recorded = recorder.record(task, endpoint.url(), owner, result, decision);
        if (recorded.endpointDisabled()) {
            endpoints.invalidate(endpoint.id());
        }
        for (DeliveryListener listener : listeners) {
            try {
                listener.attempted(task, endpoint, result, decision, recorded);
            } catch (RuntimeException e) {
                log.warn("delivery listener failed listener={}", listener.getClass().getSimpleName(), e);
            }
        }
    }
}
