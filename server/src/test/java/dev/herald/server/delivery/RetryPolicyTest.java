package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(
            List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)), new Random(42));

    private static SendResult failed(int code) {
        return new SendResult.Rejected(code, "", 10, Optional.empty());
    }

    @Test
    void finishesOnSuccess() {
        assertThat(policy.decide(new SendResult.Delivered(200, "", 3), 1, TriggerType.SCHEDULED, NOW))
                .isInstanceOf(RetryDecision.Done.class);
    }

    @Test
    void retriesOnTheScheduleWithinTwentyPercentJitter() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            Duration base = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)).get(attempt - 1);
            for (int i = 0; i < 200; i++) {
                RetryDecision d = policy.decide(failed(500), attempt, TriggerType.SCHEDULED, NOW);
                assertThat(d).isInstanceOf(RetryDecision.RetryAt.class);
                Duration delay = Duration.between(NOW, ((RetryDecision.RetryAt) d).at());
                assertThat(delay.toMillis()).isBetween((long) (base.toMillis() * 0.8), (long) (base.toMillis() * 1.2));
            }
        }
    }

    @Test
    void jitterSpreadsRetriesApart() {
        var a = (RetryDecision.RetryAt) policy.decide(failed(500), 2, TriggerType.SCHEDULED, NOW);
        var b = (RetryDecision.RetryAt) policy.decide(failed(500), 2, TriggerType.SCHEDULED, NOW);
        assertThat(a.at()).isNotEqualTo(b.at());
    }

    @Test
    void exhaustsAfterTheLastScheduledRetry() {
        assertThat(policy.maxAttempts()).isEqualTo(4);
        assertThat(policy.decide(failed(500), 4, TriggerType.SCHEDULED, NOW)).isInstanceOf(RetryDecision.Exhausted.class);
        assertThat(policy.decide(new SendResult.NetworkError("refused", 1, false), 4, TriggerType.SCHEDULED, NOW))
                .isInstanceOf(RetryDecision.Exhausted.class);
    }

    @Test
    void manualAttemptsAreMadeOnce() {
        assertThat(policy.decide(failed(500), 1, TriggerType.MANUAL, NOW)).isInstanceOf(RetryDecision.Exhausted.class);
    }

    @Test
    void goneDisablesTheEndpointAtOnce() {
        assertThat(policy.decide(failed(410), 1, TriggerType.SCHEDULED, NOW))
                .isInstanceOf(RetryDecision.EndpointGone.class);
    }

    @Test
    void honoursRetryAfterOn429WithinBaseAndTwiceBase() {
        var within = new SendResult.Rejected(429, "", 1, Optional.of(Duration.ofSeconds(8)));
        var tooLong = new SendResult.Rejected(503, "", 1, Optional.of(Duration.ofHours(9)));
        var tooShort = new SendResult.Rejected(429, "", 1, Optional.of(Duration.ofSeconds(1)));

        assertThat(((RetryDecision.RetryAt) policy.decide(within, 1, TriggerType.SCHEDULED, NOW)).at())
                .isEqualTo(NOW.plusSeconds(8));
        assertThat(((RetryDecision.RetryAt) policy.decide(tooLong, 1, TriggerType.SCHEDULED, NOW)).at())
                .isEqualTo(NOW.plusSeconds(10));
        assertThat(((RetryDecision.RetryAt) policy.decide(tooShort, 1, TriggerType.SCHEDULED, NOW)).at())
                .isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void ignoresRetryAfterOnOtherStatuses() {
        var withHeader = new SendResult.Rejected(500, "", 1, Optional.of(Duration.ofSeconds(9)));
        Duration delay = Duration.between(NOW,
                ((RetryDecision.RetryAt) policy.decide(withHeader, 1, TriggerType.SCHEDULED, NOW)).at());
        assertThat(delay.toMillis()).isBetween(4000L, 6000L);
    }

    @Test
    void anEmptyScheduleMeansNoRetries() {
        var none = new RetryPolicy(List.of(), new Random());
        assertThat(none.decide(failed(500), 1, TriggerType.SCHEDULED, NOW)).isInstanceOf(RetryDecision.Exhausted.class);
    }
}
