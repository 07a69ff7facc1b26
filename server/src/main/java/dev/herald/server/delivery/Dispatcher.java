package dev.herald.server.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due tasks and runs them, fairly. Fresh tasks arrive straight from the commit that created them, leased by
 * this node through a {@link FastPath} when their endpoint's lane has room; a poller leases the rest: retries,
 * backlogs, and work a dead node left behind. It polls fairly ({@link FairPoller}): endpoint by endpoint, only as
 * many tasks as each endpoint's lane can take ({@link Lanes}), so no endpoint's backlog can stand in front of
 * another endpoint's work, and a backlog stays in the store rather than in memory.
 *
 * <p>A task is held by a node at most once, and a held task's lease never lapses while it waits: the poller renews
 * the leases of held tasks well before they end and drops any it could not renew (another node may have it). On
 * close the dispatcher stops taking work, lets running deliveries finish for a bounded time and hands waiting tasks
 * back to the pool.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final TaskQueue queue;
    private final TaskWork work;
    private final String nodeId;
    private final Clock clock;
    private final Duration lease;
    private final Duration pollInterval;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Lanes lanes;
    private final DispatchMetrics metrics;
    private final FairPoller fairPoller;
    private final DispatchMetrics.Refresh dueCount = new DispatchMetrics.Refresh(Duration.ofSeconds(10));
    /** Every task this node holds, by id: what makes "held at most once" checkable. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile boolean wakeRequested;
    private volatile Thread poller;
    private Instant nextRenewal = Instant.MIN;

    /** A task held by this node; the lease is renewed in place, and a task whose lease was lost is marked so. */
    private static final class Held {
        volatile DeliveryTask task;
        volatile boolean lost;
        final Payload payload;

        Held(DeliveryTask task, Payload payload) {
            this.task = task;
            this.payload = payload;
        }
    }

    Dispatcher(TaskQueue queue, TaskWork work, DeliveryPorts.Payloads payloads, String nodeId, Clock clock,
               Duration lease, Duration pollInterval, Lanes.Limits limits, MeterRegistry meters) {
        this.queue = queue;
        this.work = work;
        this.nodeId = nodeId;
        this.clock = clock;
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.lanes = new Lanes(limits, threads, this::unparkPoller);
        this.metrics = new DispatchMetrics(meters, lanes);
        this.fairPoller = new FairPoller(queue, lanes, metrics, this::run, payloads, nodeId, lease);
    }

    void start() {
        poller = Thread.ofVirtual().name("herald-dispatcher-poll").start(this::pollLoop);
    }

    public String nodeId() {
        return nodeId;
    }

    /** Reservations for the tasks one transaction is about to create; close it when the transaction is over. */
    public FastPath fastPath() {
        return new FastPath(this);
    }

    public boolean isRunning() {
        return running && poller != null && poller.isAlive();
    }

    /** Tasks this node holds: waiting in lanes, being sent, or being recorded. */
    int held() {
        return held.size();
    }

    /** Wakes the poller for a full poll now (after a resend or recover left tasks due in the store). */
    public void wake() {
        wakeRequested = true;
        unparkPoller();
    }

    /** A lease for a fresh task of this endpoint when its lane has room (a place is reserved for it). */
    Optional<Instant> admitFresh(String endpointId) {
        if (running && lanes.reserve(endpointId, 1) == 1) {
            return Optional.of(clock.instant().plus(lease));
        }
        lanes.backlogged(endpointId, true);
        return Optional.empty();
    }

    void unreserve(String endpointId, int places) {
        lanes.release(endpointId, places);
    }

    /** Runs a leased task in the place reserved for it; a task this node already holds is not queued again. */
    void run(DeliveryTask task, Payload payload) {
        Held entry = new Held(task, payload);
        if (held.putIfAbsent(task.id(), entry) != null) {
            lanes.release(task.endpointId(), 1);
            return;
        }
        lanes.enqueue(task.endpointId(), new Job(entry));
    }

    /**
     * One task's run inside its lane. The lane's slot is held while the request is out, not while its outcome is
     * committed: the endpoint's concurrency limit is about requests to it. The task's place in the lane (and its
     * entry in {@link #held}) lasts until the outcome is recorded.
     */
    private final class Job implements Runnable {
        private final Held entry;

        Job(Held entry) {
            this.entry = entry;
        }

        @Override
        public void run() {
            if (!running) {
                return; // still held; handed back at close
            }
            if (entry.lost) {
                done();
                return;
            }
            DeliveryTask task = entry.task;
            sending.add(task.id());
            boolean handedOn = false;
            try {
                Optional<Delivery.Sent> sent = work.send(task, entry.payload);
                if (sent.isPresent()) {
                    threads.execute(() -> record(sent.get()));
                    handedOn = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("delivery failed unexpectedly task={} endpoint={}; it will be retried when its lease lapses",
                        task.id(), task.endpointId(), e);
            } finally {
                if (!handedOn) {
                    done();
                }
            }
        }

        private void record(Delivery.Sent sent) {
            try {
                work.record(sent);
            } catch (RuntimeException e) {
                log.error("recording an attempt failed task={} endpoint={}; it will be retried when its lease lapses",
                        sent.task().id(), sent.task().endpointId(), e);
            } finally {
                done();
            }
        }

        private void done() {
            DeliveryTask task = entry.task;
            held.remove(task.id(), entry);
            sending.remove(task.id());
            lanes.release(task.endpointId(), 1);
        }
    }

    private void pollLoop() {
        long nextPoll = System.nanoTime();
        while (running) {
            try {
                keepLeases();
                fairPoller.refill(lanes.takeHungry(), clock.instant());
                if (wakeRequested || System.nanoTime() - nextPoll >= 0) {
                    wakeRequested = false;
                    int leased = pollOnce();
                    nextPoll = System.nanoTime() + (pollAgainAtOnce(leased) ? 0 : pollInterval.toNanos());
                }
                dueCount.maybe(() -> queue.countDue(clock.instant()), metrics);
            } catch (RuntimeException e) {
                log.warn("polling for due deliveries failed; retrying", e);
                nextPoll = System.nanoTime() + pollInterval.toNanos();
            }
            if (running && !lanes.anyHungry() && !wakeRequested) {
                LockSupport.parkNanos(Math.max(0, Math.min(nextPoll - System.nanoTime(), pollInterval.toNanos())));
            }
        }
    }

    /**
     * Whether the next poll follows the last at once: while polls lease and stop at their budget, more is due after
     * the cursor. Not when a poll leased nothing (another node holds those tasks), which would only spin.
     */
    boolean pollAgainAtOnce(int leased) {
        return leased > 0 && fairPoller.stoppedAtBudget();
    }

    /** One fair poll of the store (see {@link FairPoller}); returns how many tasks it leased. */
    int pollOnce() {
        return fairPoller.poll(clock.instant());
    }

    private void awaitPoller() {
        Thread p = poller;
        if (p == null) {
            return;
        }
        try {
            p.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unparkPoller() {
        Thread p = poller;
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    /**
     * Renews, every quarter lease, the leases of held tasks that have less than half a lease left, in one
     * statement; a task whose lease could not be renewed is no longer this node's and is dropped unsent.
     */
    void keepLeases() {
        Instant now = clock.instant();
        if (now.isBefore(nextRenewal)) {
            return;
        }
        nextRenewal = now.plus(lease.dividedBy(4));
        Instant threshold = now.plus(lease.dividedBy(2));
        List<Held> expiring = held.values().stream()
                .filter(h -> !h.lost && h.task.leaseUntil() != null && h.task.leaseUntil().isBefore(threshold))
                .toList();
        if (expiring.isEmpty()) {
            return;
        }
        Instant until = now.plus(lease);
        Set<String> renewed = queue.renew(expiring.stream().map(h -> h.task.id()).toList(), nodeId, until);
        int lost = 0;
        for (Held h : expiring) {
            if (renewed.contains(h.task.id())) {
                h.task = h.task.withLeaseUntil(until);
            } else if (!sending.contains(h.task.id())) {
                h.lost = true;
                if (held.remove(h.task.id(), h)) {
                    lost++; // not one that was finished (and let go) while the renewal ran
                }
            }
        }
        metrics.renewals(renewed.size(), lost);
        if (lost > 0) {
            log.warn("lost the lease of {} held tasks; another node may send them", lost);
        }
    }

    @Override
    public void close() {
        running = false;
        unparkPoller();
        awaitPoller(); // a poll under way would lease tasks after the hand-back below, or find the store closed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!sending.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        List<String> notStarted = new ArrayList<>(held.keySet());
        notStarted.removeAll(sending);
        try {
            queue.release(notStarted, nodeId, clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not hand back {} queued tasks; their leases lapse by themselves", notStarted.size(), e);
        }
        threads.shutdownNow();
        log.info("dispatcher stopped node={} handedBack={} stillRunning={}", nodeId, notStarted.size(), sending.size());
    }
}
