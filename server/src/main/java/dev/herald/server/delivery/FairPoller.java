package dev.herald.server.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's poll of the store, fair by construction: it walks the endpoints that have pending tasks
 * round-robin, from where the last poll stopped, and leases for each due one only as many tasks as that endpoint's
 * lane can take ({@link Lanes}). It never leases the oldest due tasks across endpoints, which one endpoint's
 * backlog would monopolise. Runs on the dispatcher's poller thread only.
 */
final class FairPoller {
    private static final Logger log = LoggerFactory.getLogger(FairPoller.class);
    /** Most tasks one poll leases, over all endpoints. */
    static final int POLL_BATCH = 500;
    /** Most endpoints one poll looks at; a larger set is walked over several polls, from where the last stopped. */
    static final int SCAN = 1_000;

    private final TaskQueue queue;
    private final Lanes lanes;
    private final DispatchMetrics metrics;
    private final BiConsumer<DeliveryTask, Payload> run;
    private final DeliveryPorts.Payloads payloads;
    private final String nodeId;
    private final Duration lease;
    /** The round-robin position: the next poll starts after this endpoint id. */
    private String cursor = "";
    /** The last poll ran out of budget before it ran out of due endpoints. */
    private boolean stoppedAtBudget;

    FairPoller(TaskQueue queue, Lanes lanes, DispatchMetrics metrics, BiConsumer<DeliveryTask, Payload> run,
               DeliveryPorts.Payloads payloads, String nodeId, Duration lease) {
        this.payloads = payloads;
        this.queue = queue;
        this.lanes = lanes;
        this.metrics = metrics;
        this.run = run;
        this.nodeId = nodeId;
        this.lease = lease;
    }

    /**
     * Leases due tasks fairly: walks the endpoints that have pending tasks from where the last poll stopped, and
     * leases for each due one as many tasks as its lane can take, until {@link #POLL_BATCH}. Returns how many.
     */
    int poll(Instant now) {
        List<TaskQueue.PendingEndpoint> pending = scan();
        List<TaskQueue.Want> wants = new ArrayList<>();
        int budget = POLL_BATCH;
        String stoppedAt = null;
        Instant oldest = null;
        for (TaskQueue.PendingEndpoint endpoint : pending) {
            if (endpoint.earliestDue().isAfter(now)) {
                continue;
            }
            oldest = oldest == null || endpoint.earliestDue().isBefore(oldest) ? endpoint.earliestDue() : oldest;
            if (budget == 0) {
                continue;
            }
            int places = lanes.reserve(endpoint.endpointId(), Math.min(budget, lanes.limits().perEndpoint()));
            if (places == 0) {
                lanes.backlogged(endpoint.endpointId(), true);
                continue;
            }
            wants.add(new TaskQueue.Want(endpoint.endpointId(), places));
            budget -= places;
            if (budget == 0) {
                stoppedAt = endpoint.endpointId();
            }
        }
        cursor = stoppedAt != null ? stoppedAt : pending.size() >= SCAN ? pending.getLast().endpointId() : "";
        stoppedAtBudget = stoppedAt != null;
        metrics.oldestDue(oldest, now);
        int leased = leaseAndRun(wants, now);
        metrics.polled(leased);
        return leased;
    }

    /**
     * Whether the last poll stopped because its budget was spent, with due endpoints after the cursor. The budget
     * counts the places it reserved, up to a lane's worth per endpoint, so a poll may lease a task or two for each
     * of a couple of endpoints and stop: thousands of endpoints with a retry due each (after a burst of timeouts)
     * would then wait out a poll interval every two endpoints.
     */
    boolean stoppedAtBudget() {
        return stoppedAtBudget;
    }

    /** Up to {@link #SCAN} endpoints with pending tasks, starting after the cursor and wrapping around once. */
    private List<TaskQueue.PendingEndpoint> scan() {
        String from = cursor;
        List<TaskQueue.PendingEndpoint> pending = new ArrayList<>(queue.pendingEndpoints(from, SCAN));
        if (pending.size() < SCAN && !from.isEmpty()) {
            for (TaskQueue.PendingEndpoint wrapped : queue.pendingEndpoints("", SCAN - pending.size())) {
                if (wrapped.endpointId().compareTo(from) > 0) {
                    break;
                }
                pending.add(wrapped);
            }
        }
        return pending;
    }

    /** Leases more for endpoints whose lanes drained while the store still had due tasks for them. */
    void refill(List<String> endpointIds, Instant now) {
        if (endpointIds.isEmpty()) {
            return;
        }
        List<TaskQueue.Want> wants = new ArrayList<>();
        for (String endpointId : endpointIds) {
            int places = lanes.reserve(endpointId, lanes.limits().perEndpoint());
            if (places > 0) {
                wants.add(new TaskQueue.Want(endpointId, places));
            }
        }
        leaseAndRun(wants, now);
    }

    /** The leased tasks' payloads, read at once (a message fanned out to many endpoints is read once). */
    private Map<String, Payload> payloadsOf(List<DeliveryTask> tasks) {
        if (tasks.isEmpty()) {
            return Map.of();
        }
        try {
            return payloads.of(tasks.stream().map(DeliveryTask::msgId).collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            log.warn("reading the payloads of {} leased tasks failed; each delivery reads its own", tasks.size(), e);
            return Map.of();
        }
    }

    /** Leases what the reserved places were for, gives back the places nothing came for, and runs the tasks. */
    private int leaseAndRun(List<TaskQueue.Want> wants, Instant now) {
        if (wants.isEmpty()) {
            return 0;
        }
        List<DeliveryTask> tasks;
        try {
            tasks = queue.lease(wants, now, nodeId, now.plus(lease));
        } catch (RuntimeException e) {
            wants.forEach(w -> lanes.release(w.endpointId(), w.count()));
            throw e;
        }
        Map<String, Integer> got = new HashMap<>();
        tasks.forEach(t -> got.merge(t.endpointId(), 1, Integer::sum));
        for (TaskQueue.Want want : wants) {
            int leased = got.getOrDefault(want.endpointId(), 0);
            lanes.backlogged(want.endpointId(), leased == want.count());
            lanes.release(want.endpointId(), want.count() - leased);
        }
        Map<String, Payload> known = payloadsOf(tasks);
        tasks.forEach(task -> run.accept(task, known.get(task.msgId()))); // one missing is looked up by its delivery
        return tasks.size();
    }
}
