package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalThrottleTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LocalThrottle throttle = new LocalThrottle(nanos::get);

    @Test
    void spacesSlotsOneIntervalApart() {
        assertThat(throttle.reserve("ep_a", 5)).isEqualTo(Duration.ZERO);
        assertThat(throttle.reserve("ep_a", 5)).isEqualTo(Duration.ofMillis(200));
        assertThat(throttle.reserve("ep_a", 5)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void roundsTheIntervalUpSoThatRateSlotsNeverFitInLessThanASecond() {
        for (int i = 0; i < 3; i++) {
            throttle.reserve("ep_a", 3);
        }
        assertThat(throttle.reserve("ep_a", 3)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void idleTimeEarnsNoBurst() {
        throttle.reserve("ep_a", 5);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(throttle.reserve("ep_a", 5)).isEqualTo(Duration.ZERO);
        assertThat(throttle.reserve("ep_a", 5)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void endpointsArePacedApart() {
        throttle.reserve("ep_a", 1);

        assertThat(throttle.reserve("ep_b", 1)).isEqualTo(Duration.ZERO);
    }

    @Test
    void forgetsEndpointsWhoseSlotsPassedLongAgo() {
        throttle.reserve("ep_idle", 5);
        nanos.addAndGet(LocalThrottle.FORGET_AFTER.multipliedBy(3).toNanos());

        throttle.reserve("ep_busy", 5);

        assertThat(throttle.remembered()).isEqualTo(1);
        assertThat(throttle.reserve("ep_idle", 5)).isEqualTo(Duration.ZERO);
    }
}
