package dev.herald.server.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places in this node's lanes reserved for the tasks that one transaction creates (a message's, a resend's), so
 * that the node can lease them as it creates them and run them straight after the commit, without a poll. An
 * endpoint whose lane is full gets no lease: its task is created due, and the poller leases it when there is room.
 * Close it after the transaction, committed or not: places it reserved but did not fill are given back.
 */
public final class FastPath implements AutoCloseable {
    private final Dispatcher dispatcher;
    private final Map<String, Integer> reserved = new ConcurrentHashMap<>();

    FastPath(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The node that leases the tasks this fast path admits. */
    public String owner() {
        return dispatcher.nodeId();
    }

    /** The lease for a new task of this endpoint, or empty to leave the task to the poller. */
    public Optional<Instant> leaseFor(String endpointId) {
        Optional<Instant> lease = dispatcher.admitFresh(endpointId);
        lease.ifPresent(until -> reserved.merge(endpointId, 1, Integer::sum));
        return lease;
    }

    /** Runs committed tasks that {@link #leaseFor} leased, with their payload already in hand. */
    public void submit(List<DeliveryTask> tasks, Payload payload) {
        for (DeliveryTask task : tasks) {
            Integer left = reserved.computeIfPresent(task.endpointId(), (id, n) -> n - 1);
            if (left == null || left < 0) {
                throw new IllegalStateException("task " + task.id() + " was not leased by this fast path");
            }
            dispatcher.run(task, payload);
        }
    }

    @Override
    public void close() {
        reserved.forEach(dispatcher::unreserve);
        reserved.clear();
    }
}
