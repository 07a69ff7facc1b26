package dev.herald.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsCarryPrefixAndSortByCreation() {
        Ids ids = new Ids(Clock.systemUTC());
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            made.add(ids.next("msg"));
        }
        assertThat(made).allMatch(id -> id.startsWith("msg_") && id.length() == 31);
        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theTimeInsideAnIdIsItsCreationSecond() {
        Instant at = Instant.parse("2026-03-04T05:06:07Z");
        String id = new Ids(Clock.fixed(at, ZoneOffset.UTC)).next("app");
        assertThat(Ids.timestampOf(id)).contains(at);
    }

    @Test
    void lowestAtSeparatesIdsMadeBeforeASecondFromThoseMadeFromItOn() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.500Z"));
        Ids ids = new Ids(clock);
        String before = ids.next("atmpt");
        clock.advance(java.time.Duration.ofMillis(600));
        String after = ids.next("atmpt");

        String bound = Ids.lowestAt("atmpt", Instant.parse("2026-01-01T00:00:01Z"));

        assertThat(before).isLessThan(bound);
        assertThat(after).isGreaterThanOrEqualTo(bound);
        assertThat(Ids.timestampOf(bound)).contains(Instant.parse("2026-01-01T00:00:01Z"));
    }
}
