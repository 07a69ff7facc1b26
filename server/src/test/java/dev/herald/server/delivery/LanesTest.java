package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LanesTest {
    private final AtomicInteger hungerSignals = new AtomicInteger();
    private final Lanes lanes = new Lanes(new Lanes.Limits(2, 4, 6), Runnable::run, hungerSignals::incrementAndGet);

    @Test
    void anEndpointHoldsAtMostItsShare() {
        assertThat(lanes.reserve("ep_a", 10)).isEqualTo(4);
        assertThat(lanes.reserve("ep_a", 1)).isZero();
        assertThat(lanes.saturated()).isEqualTo(1);
    }

    @Test
    void aFullNodeStillGivesEachEndpointItsConcurrency() {
        lanes.reserve("ep_a", 4);
        lanes.reserve("ep_b", 4); // 2 left in the node: b gets them
        assertThat(lanes.held()).isEqualTo(6);

        assertThat(lanes.reserve("ep_c", 4)).as("an idle endpoint on a full node").isEqualTo(2);
        assertThat(lanes.reserve("ep_b", 1)).as("beyond its concurrency on a full node").isZero();
    }

    @Test
    void aLaneThatHoldsNothingIsDropped() {
        lanes.reserve("ep_a", 3);
        lanes.reserve("ep_b", 0);

        lanes.release("ep_a", 3);

        assertThat(lanes.active()).isZero();
        assertThat(lanes.held()).isZero();
    }

    @Test
    void aBackloggedLaneAsksForMoreOnceItHasDrainedToHalf() {
        lanes.reserve("ep_a", 4);
        lanes.backlogged("ep_a", true);

        lanes.release("ep_a", 1);
        assertThat(hungerSignals).hasValue(0);
        lanes.release("ep_a", 1);

        assertThat(hungerSignals).hasValue(1);
        assertThat(lanes.takeHungry()).containsExactly("ep_a");
        assertThat(lanes.takeHungry()).isEmpty();
    }

    @Test
    void aLaneWithNothingLeftInTheStoreDoesNotAskForMore() {
        lanes.reserve("ep_a", 4);
        lanes.backlogged("ep_a", false);

        lanes.release("ep_a", 4);

        assertThat(hungerSignals).hasValue(0);
    }
}
