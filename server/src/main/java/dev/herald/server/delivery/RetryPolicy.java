package dev.herald.server.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Turns an attempt's result into the task's next step. Retries follow the configured schedule with ±20 % jitter
 * (so endpoints that failed together do not get retried in lock-step); a 429/503 {@code Retry-After} is honoured
 * within [scheduled delay, 2 × scheduled delay], the range Svix uses, so an endpoint cannot push a retry out
 * indefinitely nor pull it in. Manual attempts are made once.
 */
public final class RetryPolicy {
    private static final double JITTER = 0.2;

    private final List<Duration> schedule;
    private final RandomGenerator random;

    public RetryPolicy(List<Duration> schedule, RandomGenerator random) {
        this.schedule = List.copyOf(schedule);
        this.random = random;
    }

    /** The number of attempts a scheduled task gets in all: the first plus one per schedule entry. */
    public int maxAttempts() {
        return schedule.size() + 1;
    }

    /**
     * @param attemptsMade attempts made so far, including the one that produced {@code result}
     */
    public RetryDecision decide(SendResult result, int attemptsMade, TriggerType trigger, Instant now) {
        return switch (result) {
            case SendResult.Delivered d -> new RetryDecision.Done();
            case SendResult.Rejected r when r.statusCode() == 410 -> new RetryDecision.EndpointGone();
            default -> {
                if (trigger == TriggerType.MANUAL || attemptsMade > schedule.size()) {
                    yield new RetryDecision.Exhausted();
                }
                Duration base = schedule.get(attemptsMade - 1);
                yield new RetryDecision.RetryAt(now.plus(delay(base, retryAfter(result))));
            }
        };
    }

    private Duration delay(Duration base, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration wanted = retryAfter.get();
            Duration max = base.multipliedBy(2);
            return wanted.compareTo(base) < 0 ? base : wanted.compareTo(max) > 0 ? max : wanted;
        }
        double factor = 1 + (random.nextDouble() * 2 - 1) * JITTER;
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    private static Optional<Duration> retryAfter(SendResult result) {
        return result instanceof SendResult.Rejected r && (r.statusCode() == 429 || r.statusCode() == 503)
                ? r.retryAfter() : Optional.empty();
    }
}
