package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.StoreKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scheduler's invariants, tested directly on a real store with the dispatcher driven by hand and sends that
 * hang until the test lets them go: an endpoint never holds more than its share of a node, every due endpoint is
 * served whatever the others' backlogs, a task is held at most once, and a held task's lease never lapses.
 */
class FairSchedulingTest {
    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(START);
    private final HangingWork work = new HangingWork();
    private QueueFixture store;
    private Dispatcher dispatcher;

    /** Sends that record which task they were given and hang until released. */
    static final class HangingWork implements TaskWork {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Optional<Delivery.Sent> send(DeliveryTask task, Payload knownPayload) throws InterruptedException {
            sent.add(task.id());
            release.await();
            return Optional.empty();
        }

        @Override
        public void record(Delivery.Sent sent) {
        }
    }

    private Dispatcher dispatcher(StoreKind kind, Lanes.Limits limits) {
        store = new QueueFixture(kind, dir);
        dispatcher = new Dispatcher(store.queue(), work, msgIds -> Map.of(), "node_test", clock, LEASE, Duration.ofMillis(250), limits,
                new SimpleMeterRegistry());
        return dispatcher;
    }

    @AfterEach
    void stop() {
        work.release.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anEndpointsBacklogNeverTakesMoreThanItsShareOfTheNode(StoreKind kind) {
        dispatcher(kind, new Lanes.Limits(2, 4, 1_000));
        String stalled = store.endpoint();
        store.dueTasks(stalled, 200, START);

        for (int poll = 0; poll < 5; poll++) {
            dispatcher.pollOnce();
        }

        assertThat(dispatcher.held()).isEqualTo(4);
        assertThat(store.leasedBy("node_test")).isEqualTo(4);
        awaitSends(2);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyDueEndpointIsServedInOnePollWhateverAnotherEndpointsBacklog(StoreKind kind) {
        dispatcher(kind, new Lanes.Limits(2, 4, 6));
        String stalled = store.endpoint();
        store.dueTasks(stalled, 1_000, START.minusSeconds(3_600));
        dispatcher.pollOnce();
        List<String> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fresh.addAll(store.dueTasks(store.endpoint(), 1, START));
        }

        dispatcher.pollOnce();

        assertThat(fresh).allSatisfy(task -> assertThat(store.lease(task).owner()).isEqualTo("node_test"));
        awaitSends(2 + 5);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void pollsGoRoundRobinWhenMoreIsDueThanOnePollTakes(StoreKind kind) {
        dispatcher(kind, new Lanes.Limits(1, 4, 10_000));
        int endpoints = FairPoller.POLL_BATCH / 4 + 50;
        List<String> firstTaskOfEach = new java.util.ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            firstTaskOfEach.add(store.dueTasks(store.endpoint(), 4, START).getFirst());
        }

        assertThat(dispatcher.pollOnce()).isEqualTo(FairPoller.POLL_BATCH);
        dispatcher.pollOnce();

        assertThat(firstTaskOfEach).allSatisfy(task -> assertThat(store.lease(task).owner()).isNotNull());
    }

    /**
     * A poll's budget counts the places it reserves, a lane's worth per endpoint, so with one retry due at each of
     * many endpoints a poll leases two tasks and stops; the next follows at once rather than a poll interval later.
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aPollThatSpentItsBudgetOnAFewTasksIsFollowedAtOnceUntilNothingIsLeased(StoreKind kind) {
        dispatcher(kind, new Lanes.Limits(1, FairPoller.POLL_BATCH / 2, 10_000));
        for (int i = 0; i < 10; i++) {
            store.dueTasks(store.endpoint(), 1, START);
        }

        List<Integer> leased = new java.util.ArrayList<>();
        List<Boolean> atOnce = new java.util.ArrayList<>();
        do {
            leased.add(dispatcher.pollOnce());
            atOnce.add(dispatcher.pollAgainAtOnce(leased.getLast()));
        } while (atOnce.getLast() && leased.size() < 20);

        assertThat(leased).containsExactly(2, 2, 2, 2, 2, 0);
        assertThat(atOnce).containsExactly(true, true, true, true, true, false);
        assertThat(store.leasedBy("node_test")).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void freshTasksOfAnIdleEndpointTakeTheFastPathWhenTheNodeIsFull(StoreKind kind) {
        dispatcher(kind, new Lanes.Limits(2, 4, 4));
        String stalled = store.endpoint();
        store.dueTasks(stalled, 100, START);
        dispatcher.pollOnce();

        try (FastPath fast = dispatcher.fastPath()) {
            assertThat(fast.leaseFor(stalled)).isEmpty();
            assertThat(fast.leaseFor(store.endpoint())).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aTaskIsHeldAtMostOnceHoweverOftenItIsHandedIn(StoreKind kind) {
        dispatcher(kind, new Lanes.Limits(2, 4, 100));
        String endpoint = store.endpoint();
        String taskId = store.dueTasks(endpoint, 1, START).getFirst();
        dispatcher.pollOnce();
        awaitSends(1);
        DeliveryTask again = new DeliveryTask(taskId, "msg", QueueFixture.APP, endpoint, TriggerType.SCHEDULED, 0,
                START.plus(LEASE));

        try (FastPath fast = dispatcher.fastPath()) {
            assertThat(fast.leaseFor(endpoint)).isPresent();
            fast.submit(List.of(again), null);
        }

        awaitSends(1);
        assertThat(dispatcher.held()).isEqualTo(1);
        assertThat(new HashSet<>(work.sent)).hasSize(work.sent.size());
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aWaitingTasksLeaseIsRenewedBeforeItLapses(StoreKind kind) {
        String endpoint = oneTaskSendingOneWaiting(kind);
        List<String> tasks = tasksOf(endpoint);

        for (int i = 0; i < 8; i++) {
            clock.advance(LEASE.dividedBy(3));
            dispatcher.keepLeases();
            Instant now = clock.instant();
            assertThat(tasks).allSatisfy(task -> assertThat(store.lease(task).until()).isAfter(now.plus(LEASE.dividedBy(2))));
            assertThat(leaseElsewhere(endpoint, now)).isEmpty();
        }
        assertThat(work.sent).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aWaitingTaskWhoseLeaseWasTakenElsewhereIsDroppedUnsent(StoreKind kind) {
        String endpoint = oneTaskSendingOneWaiting(kind);
        List<String> tasks = tasksOf(endpoint);
        String waiting = tasks.stream().filter(t -> !work.sent.contains(t)).findFirst().orElseThrow();

        clock.advance(LEASE.plusSeconds(1)); // say the node stalled: its leases lapsed and another node took one
        Instant now = clock.instant();
        assertThat(leaseElsewhere(endpoint, now)).extracting(DeliveryTask::id)
                .containsExactlyInAnyOrderElementsOf(tasks);
        dispatcher.keepLeases();
        work.release.countDown();

        awaitHeld(0);
        assertThat(work.sent).doesNotContain(waiting);
        assertThat(store.lease(waiting).owner()).isEqualTo("node_other");
    }

    /** Concurrency 1, two tasks leased: the first hangs in its send, the second waits in the lane behind it. */
    private String oneTaskSendingOneWaiting(StoreKind kind) {
        dispatcher(kind, new Lanes.Limits(1, 2, 100));
        String endpoint = store.endpoint();
        store.dueTasks(endpoint, 2, START);
        dispatcher.pollOnce();
        awaitSends(1);
        return endpoint;
    }

    private List<String> tasksOf(String endpoint) {
        return store.db().read(c -> dev.herald.server.store.Sql.list(c,
                "SELECT id FROM delivery_task WHERE endpoint_id = ?", rs -> rs.getString(1), endpoint));
    }

    /** What another node would lease of the endpoint's tasks now. */
    private List<DeliveryTask> leaseElsewhere(String endpoint, Instant now) {
        return store.queue().lease(List.of(new TaskQueue.Want(endpoint, 10)), now, "node_other", now.plus(LEASE));
    }

    private void awaitSends(int count) {
        await(() -> work.sent.size() >= count, "sends: " + count);
        assertThat(work.sent).hasSize(count);
    }

    private void awaitHeld(int count) {
        await(() -> dispatcher.held() == count, "held: " + count);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
