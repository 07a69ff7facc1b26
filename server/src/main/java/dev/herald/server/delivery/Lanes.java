package dev.herald.server.delivery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission to a node's memory, per endpoint. The invariant (docs/architecture.md, "Fair delivery"): an endpoint
 * holds at most {@link Limits#perEndpoint} tasks on a node, whichever path brought them (a fresh message, a resend,
 * the poller); all endpoints together hold at most {@link Limits#maxHeld}, except that any endpoint may always hold
 * up to its concurrency, so a node that is full of other endpoints' backlogs still takes an idle endpoint's fresh
 * tasks at once. The rest of a backlog stays in the store. A lane that holds nothing is dropped at once, so the
 * map holds only endpoints with work on this node.
 */
final class Lanes {
    /** How much a node holds in memory: per endpoint in flight, per endpoint in all, and all endpoints together. */
    record Limits(int concurrency, int perEndpoint, int maxHeld) {
        Limits {
            if (concurrency < 1 || perEndpoint < concurrency || maxHeld < 1) {
                throw new IllegalArgumentException("invalid lane limits " + concurrency + "/" + perEndpoint + "/"
                        + maxHeld);
            }
        }

        /**
         * Room for eight times the concurrency: enough for the burst of one group commit to wait in memory while
         * the current requests are out (twice measured 12 % fewer deliveries per second and a p99 of 0.4 s against
         * 0.05 s on one busy endpoint, docs/benchmarks.md), and still a few dozen tasks per stalled endpoint.
         */
        static Limits of(int concurrency, int maxHeld) {
            return new Limits(concurrency, concurrency * 8, maxHeld);
        }
    }

    private final Map<String, EndpointLane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Set<String> hungry = ConcurrentHashMap.newKeySet();
    private final Limits limits;
    private final Executor executor;
    private final Runnable onHungry;

    /** {@code onHungry} runs when a backlogged endpoint's lane has drained to half: time to lease it more. */
    Lanes(Limits limits, Executor executor, Runnable onHungry) {
        this.limits = limits;
        this.executor = executor;
        this.onHungry = onHungry;
    }

    Limits limits() {
        return limits;
    }

    /** Reserves places for up to {@code wanted} tasks of the endpoint; returns how many it may hold (maybe 0). */
    int reserve(String endpointId, int wanted) {
        int[] taken = {0};
        lanes.compute(endpointId, (id, existing) -> {
            EndpointLane lane = existing != null ? existing : new EndpointLane(limits.concurrency(), executor);
            int allowance = Math.max(limits.maxHeld() - total.get(), limits.concurrency() - lane.held());
            taken[0] = lane.reserve(Math.min(wanted, allowance), limits.perEndpoint());
            total.addAndGet(taken[0]);
            return lane.held() == 0 ? null : lane;
        });
        return taken[0];
    }

    /** Gives back places reserved or held; a backlogged endpoint drained to half asks for more. */
    void release(String endpointId, int count) {
        if (count == 0) {
            return;
        }
        boolean[] wantsMore = {false};
        lanes.computeIfPresent(endpointId, (id, lane) -> {
            int left = lane.release(count);
            total.addAndGet(-count);
            wantsMore[0] = lane.backlogged() && left <= limits.perEndpoint() / 2;
            return left == 0 ? null : lane;
        });
        if (wantsMore[0] && hungry.add(endpointId)) {
            onHungry.run();
        }
    }

    /** Records whether the store has more due tasks for this endpoint than its lane took. */
    void backlogged(String endpointId, boolean more) {
        lanes.computeIfPresent(endpointId, (id, lane) -> {
            lane.backlogged(more);
            return lane;
        });
    }

    /** Runs a job in the endpoint's lane; the caller holds a place reserved for it. */
    void enqueue(String endpointId, Runnable job) {
        EndpointLane lane = lanes.get(endpointId);
        if (lane == null) {
            throw new IllegalStateException("no place reserved for endpoint " + endpointId);
        }
        lane.enqueue(job);
    }

    /** The endpoints that asked for more since the last call, forgotten as they are returned. */
    List<String> takeHungry() {
        List<String> taken = new ArrayList<>();
        for (Iterator<String> it = hungry.iterator(); it.hasNext(); ) {
            taken.add(it.next());
            it.remove();
        }
        return taken;
    }

    boolean anyHungry() {
        return !hungry.isEmpty();
    }

    /** Places held on this node, all endpoints together. */
    int held() {
        return total.get();
    }

    /** Lanes that hold as much as one endpoint may. */
    int saturated() {
        return (int) lanes.values().stream().filter(l -> l.held() >= limits.perEndpoint()).count();
    }

    /** Endpoints with anything on this node (the map's size: it never keeps an empty lane). */
    int active() {
        return lanes.size();
    }
}
