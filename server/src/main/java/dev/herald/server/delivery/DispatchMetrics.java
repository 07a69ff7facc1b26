package dev.herald.server.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The scheduler's meters, each one series per node (never one per endpoint), so that a person can alert on them:
 * the backlog in the store and the age of its oldest task, what this node holds, saturated endpoints, tasks leased
 * per poll, and lease renewals and losses.
 */
final class DispatchMetrics {
    private final DistributionSummary leasedPerPoll;
    private final Counter renewed;
    private final Counter lost;
    private volatile long due;
    private volatile double oldestDueSeconds;

    DispatchMetrics(MeterRegistry meters, Lanes lanes) {
        Gauge.builder("herald.delivery.due", this, m -> m.due)
                .description("tasks due and not leased, waiting in the store (refreshed every few seconds)")
                .register(meters);
        Gauge.builder("herald.delivery.oldest.due", this, m -> m.oldestDueSeconds).baseUnit("seconds")
                .description("how long the oldest due task the last poll saw has been due")
                .register(meters);
        Gauge.builder("herald.delivery.held", lanes, Lanes::held)
                .description("tasks this node holds in memory: waiting, in flight or being recorded")
                .register(meters);
        Gauge.builder("herald.delivery.endpoints.saturated", lanes, Lanes::saturated)
                .description("endpoints holding as many tasks on this node as one endpoint may")
                .register(meters);
        Gauge.builder("herald.delivery.endpoints.active", lanes, Lanes::active)
                .description("endpoints with tasks on this node").register(meters);
        leasedPerPoll = DistributionSummary.builder("herald.delivery.poll.leased")
                .description("tasks leased by one poll of the store").register(meters);
        renewed = Counter.builder("herald.delivery.lease.renewals").tag("outcome", "renewed")
                .description("leases of tasks held in memory, renewed or found lost").register(meters);
        lost = Counter.builder("herald.delivery.lease.renewals").tag("outcome", "lost").register(meters);
    }

    void polled(int leased) {
        leasedPerPoll.record(leased);
    }

    void renewals(int renewedCount, int lostCount) {
        renewed.increment(renewedCount);
        lost.increment(lostCount);
    }

    void oldestDue(Instant oldest, Instant now) {
        oldestDueSeconds = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
    }

    void due(long count) {
        due = count;
    }

    /** Counts the store's backlog at most every {@code every}; the count walks every due row, so not each poll. */
    static final class Refresh {
        private final long everyNanos;
        private long nextNanos;

        Refresh(Duration every) {
            this.everyNanos = every.toNanos();
            this.nextNanos = System.nanoTime();
        }

        void maybe(Supplier<Long> count, DispatchMetrics metrics) {
            long now = System.nanoTime();
            if (now - nextNanos >= 0) {
                nextNanos = now + everyNanos;
                metrics.due(count.get());
            }
        }
    }
}
