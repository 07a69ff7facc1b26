package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.ConfigLoader;
import dev.herald.server.core.Setting;
import dev.herald.server.store.Database;
import dev.herald.server.store.Databases;
import dev.herald.server.store.Sql;
import dev.herald.server.testing.StoreKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes (three connection pools on one PostgreSQL database) reserving send slots for one endpoint, or one
 * application, at once: the slots, on the database's clock, never come closer than the rate allows.
 */
class SharedThrottleTest {
    private static final int NODES = 3;
    private static final int RESERVATIONS_PER_NODE = 40;

    static String url;
    static List<Database> nodes = new ArrayList<>();

    @BeforeAll
    static void openThreeNodes() {
        url = StoreKind.createPostgresDatabase();
        for (int i = 0; i < NODES; i++) {
            nodes.add(Databases.open(ConfigLoader.load(Map.of(Setting.DATABASE_URL, url, Setting.DB_POOL_SIZE, "4"),
                    Map.of(), Optional.empty())));
        }
        nodes.getFirst().write(c -> {
            Sql.update(c, "INSERT INTO application (id, org_id, name, metadata, created_at, updated_at) "
                    + "VALUES ('app_1', 'org', 'n', '{}', 0, 0)");
            for (String ep : List.of("ep_a", "ep_b")) {
                Sql.update(c, "INSERT INTO endpoint (id, app_id, url, description, disabled, metadata, headers, "
                        + "created_at, updated_at) VALUES (?, 'app_1', 'u', '', false, '{}', '{}', 0, 0)", ep);
            }
            return null;
        });
    }

    @AfterAll
    static void close() {
        nodes.forEach(Database::close);
        StoreKind.dropPostgresDatabase(url);
    }

    @Test
    void slotsReservedByConcurrentNodesLieAtLeastOneIntervalApart() throws Exception {
        assertConcurrentSlotsApart(SharedThrottle::forEndpoints, "ep_a");
    }

    @Test
    void anApplicationsSlotsReservedByConcurrentNodesLieAtLeastOneIntervalApart() throws Exception {
        assertConcurrentSlotsApart(SharedThrottle::forApplications, "app_1");
    }

    private static void assertConcurrentSlotsApart(Function<Database, SharedThrottle> kind, String key)
            throws Exception {
        int perSecond = 2_000; // 500 µs apart
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (Database node : nodes) {
                SharedThrottle throttle = kind.apply(node);
                for (int t = 0; t < 4; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < RESERVATIONS_PER_NODE / 4; i++) {
                            slots.add(throttle.reserveSlot(key, perSecond).atMicros());
                        }
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        List<Long> sorted = slots.stream().sorted().toList();
        assertThat(sorted).hasSize(NODES * RESERVATIONS_PER_NODE).doesNotHaveDuplicates();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("gap after slot %d", i - 1).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void aNodeWaitsForTheSlotsAnotherNodeReserved() {
        SharedThrottle.forEndpoints(nodes.get(0)).reserve("ep_b", 1);

        Duration wait = SharedThrottle.forEndpoints(nodes.get(1)).reserve("ep_b", 1);

        assertThat(wait).isGreaterThan(Duration.ofMillis(500)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
}
