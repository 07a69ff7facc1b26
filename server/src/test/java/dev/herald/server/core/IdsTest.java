package dev.herald.server.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
