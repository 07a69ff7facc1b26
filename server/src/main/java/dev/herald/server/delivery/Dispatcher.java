package dev.herald.server.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due tasks and runs them. Fresh tasks arrive straight from the commit that created them (already leased by
 * this node); a poller leases whatever else is due: retries, and work a dead node left behind. Each task runs on
 * a virtual thread in its endpoint's {@link EndpointLane}, paced by the {@link EndpointThrottle} when the endpoint
 * set a rate. On close it stops taking work, lets running deliveries finish for a bounded time and hands queued
 * tasks back to the pool.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int POLL_BATCH = 500;

    private final TaskQueue queue;
    private final Delivery delivery;
    private final EndpointThrottle throttle;
    private final String nodeId;
    private final Clock clock;
    private final Duration lease;
    private final Duration pollInterval;
    private final int maxPerEndpoint;
    private final int maxQueued;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, EndpointLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, DeliveryTask> queued = new ConcurrentHashMap<>();
    private final java.util.Set<String> sending = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile Thread poller;

    Dispatcher(TaskQueue queue, Delivery delivery, EndpointThrottle throttle, String nodeId, Clock clock,
               Duration lease, Duration pollInterval, int maxPerEndpoint, int maxQueued) {
        this.queue = queue;
        this.delivery = delivery;
        this.throttle = throttle;
        this.nodeId = nodeId;
        this.clock = clock;
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.maxPerEndpoint = maxPerEndpoint;
        this.maxQueued = maxQueued;
    }

    void start() {
        poller = Thread.ofVirtual().name("herald-dispatcher-poll").start(this::pollLoop);
    }

    public String nodeId() {
        return nodeId;
    }

    /** The lease a task created now by this node should carry, or empty to leave it to the poller (overloaded). */
    public Optional<Instant> fastPathLease() {
        return running && queued.size() < maxQueued ? Optional.of(clock.instant().plus(lease)) : Optional.empty();
    }

    /** Runs tasks this node created and leased, with their payload already in hand. */
    public void submit(List<DeliveryTask> tasks, Payload payload) {
        tasks.forEach(task -> enqueue(task, payload));
    }

    public boolean isRunning() {
        return running && poller != null && poller.isAlive();
    }

    /** Tasks waiting in this node's lanes plus those being sent. */
    public int backlog() {
        return queued.size();
    }

    /** Wakes the poller now (after a resend or recover made tasks due). */
    public void wake() {
        Thread p = poller;
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    private void enqueue(DeliveryTask task, Payload payload) {
        queued.put(task.id(), task);
        lanes.computeIfAbsent(task.endpointId(), id -> new EndpointLane(maxPerEndpoint, threads))
                .enqueue(new Job(task, payload));
    }

    /**
     * One task's run inside its lane; a Runnable so that a lane can hand back jobs it never started. The lane's
     * slot is held while the request is out, not while its outcome is being committed: the endpoint's concurrency
     * limit is about requests to it, and the task stays leased (and tracked here) until the outcome is recorded.
     */
    private final class Job implements Runnable {
        final DeliveryTask task;
        final Payload payload;

        Job(DeliveryTask task, Payload payload) {
            this.task = task;
            this.payload = payload;
        }

        @Override
        public void run() {
            if (!running) {
                return; // left in `queued`; handed back at close
            }
            sending.add(task.id());
            boolean handedOn = false;
            try {
                Optional<Delivery.Sent> sent = send();
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

        private Optional<Delivery.Sent> send() throws InterruptedException {
            Optional<DeliveryTask> held = delivery.holdLease(task, nodeId, Duration.ZERO);
            Optional<EndpointCache.Target> target = held.isEmpty() ? Optional.empty() : delivery.endpointOf(task);
            if (target.isEmpty()) {
                return Optional.empty();
            }
            Integer rate = target.get().endpoint().throttleRate();
            if (rate != null && rate > 0) {
                Duration wait = throttle.reserve(task.endpointId(), rate);
                if (!wait.isZero()) {
                    held = delivery.holdLease(held.get(), nodeId, wait); // the lease outlasts the wait
                    if (held.isEmpty()) {
                        return Optional.empty();
                    }
                    Thread.sleep(wait);
                }
            }
            return delivery.send(held.get(), target.get(), payload, nodeId);
        }

        private void record(Delivery.Sent sent) {
            try {
                delivery.record(sent, nodeId);
            } catch (RuntimeException e) {
                log.error("recording an attempt failed task={} endpoint={}; it will be retried when its lease lapses",
                        task.id(), task.endpointId(), e);
            } finally {
                done();
            }
        }

        private void done() {
            queued.remove(task.id());
            sending.remove(task.id());
        }
    }

    private void pollLoop() {
        while (running) {
            int leased = 0;
            try {
                leased = pollOnce();
            } catch (RuntimeException e) {
                log.warn("polling for due deliveries failed; retrying", e);
            }
            if (leased < POLL_BATCH) {
                LockSupport.parkNanos(pollInterval.toNanos());
            }
        }
    }

    /** Leases due tasks up to the free capacity and queues them; returns how many it leased. */
    int pollOnce() {
        int capacity = Math.min(POLL_BATCH, maxQueued - queued.size());
        Instant now = clock.instant();
        if (capacity <= 0 || !queue.anyDue(now)) {
            return 0;
        }
        List<DeliveryTask> tasks = queue.leaseDue(now, capacity, nodeId, now.plus(lease));
        tasks.forEach(task -> enqueue(task, null));
        return tasks.size();
    }

    @Override
    public void close() {
        running = false;
        Thread p = poller;
        if (p != null) {
            LockSupport.unpark(p);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!sending.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        List<String> notStarted = new ArrayList<>(queued.keySet());
        notStarted.removeAll(sending);
        try {
            queue.release(notStarted, nodeId);
        } catch (RuntimeException e) {
            log.warn("could not hand back {} queued tasks; their leases lapse by themselves", notStarted.size(), e);
        }
        threads.shutdownNow();
        log.info("dispatcher stopped node={} handedBack={} stillRunning={}", nodeId, notStarted.size(), sending.size());
    }
}
