package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Ids;
import dev.herald.server.store.Sql;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Successful attempts recorded at the same moment share one transaction; each must still come out as if it had been
 * recorded alone: its attempt row, its task finished (only while this node holds its lease), its endpoint's failure
 * streak ended, and nothing for a task deleted meanwhile.
 */
class AttemptRecorderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String OWNER = "node_a";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void successesRecordedTogetherEachFinishOnlyTheirOwnLiveTask(StoreKind kind) throws Exception {
        try (QueueFixture store = new QueueFixture(kind, dir);
             AttemptRecorder recorder = new AttemptRecorder(store.db(), new Ids(new MutableClock(NOW)),
                     new MutableClock(NOW), Duration.ofDays(5))) {
            String failing = store.endpoint();
            String healthy = store.endpoint();
            store.db().write(c -> Sql.update(c, "UPDATE endpoint SET failing_since = ? WHERE id = ?",
                    NOW.minusSeconds(60), failing));
            store.dueTasks(failing, 20, NOW);
            store.dueTasks(healthy, 20, NOW);
            List<DeliveryTask> leased = store.queue().lease(List.of(new TaskQueue.Want(failing, 20),
                    new TaskQueue.Want(healthy, 20)), NOW, OWNER, NOW.plusSeconds(60));
            assertThat(leased).hasSize(40);
            DeliveryTask deleted = leased.get(0);
            DeliveryTask takenByAnotherNode = leased.get(1);
            store.db().write(c -> Sql.update(c, "DELETE FROM delivery_task WHERE id = ?", deleted.id()));
            store.db().write(c -> Sql.update(c, "UPDATE delivery_task SET lease_owner = 'node_b' WHERE id = ?",
                    takenByAnotherNode.id()));

            List<AttemptRecorder.Recorded> recorded = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<AttemptRecorder.Recorded>> all = new ArrayList<>();
                for (DeliveryTask task : leased) {
                    all.add(threads.submit(() -> recorder.record(task, "http://127.0.0.1:9/", OWNER,
                            new SendResult.Delivered(200, "ok " + task.id(), 3), new RetryDecision.Done())));
                }
                for (Future<AttemptRecorder.Recorded> each : all) {
                    recorded.add(each.get());
                }
            }

            assertThat(recorded).extracting(AttemptRecorder.Recorded::attemptId).doesNotHaveDuplicates();
            assertThat(recorded).noneMatch(AttemptRecorder.Recorded::endpointDisabled);
            List<String> attempted = store.db().read(c -> Sql.list(c, "SELECT msg_id FROM message_attempt "
                    + "WHERE status = 0 AND response_status_code = 200", rs -> rs.getString(1)));
            assertThat(attempted).hasSize(39).doesNotContain(deleted.msgId()).contains(takenByAnotherNode.msgId());
            assertThat(count(store, "SELECT COUNT(*) FROM message_attempt a JOIN delivery_task t "
                    + "ON t.msg_id = a.msg_id WHERE a.response = 'ok ' || t.id")).isEqualTo(39);
            assertThat(count(store, "SELECT COUNT(*) FROM delivery_task WHERE status = 0 "
                    + "AND attempt_count = 1 AND lease_owner IS NULL AND next_attempt_at IS NULL")).isEqualTo(38);
            assertThat(store.lease(takenByAnotherNode.id()).owner()).isEqualTo("node_b");
            assertThat(count(store, "SELECT COUNT(*) FROM endpoint WHERE failing_since IS NOT NULL")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void responsesOfAnyTextAreRecordedAsTheEndpointSentThem(StoreKind kind) throws Exception {
        // PostgreSQL receives a batch's rows as arrays: each text must come back as it went in, quotes, braces,
        // backslashes, commas, the word NULL and no response at all included
        List<String> responses = java.util.Arrays.asList("{\"a\": [1, 2]}", "back\\slash \\\" quote", "NULL",
                "", "  spaced, with commas  ", "unicode: \u00e9\u4e2d\ud83d\ude00", "{}", "\"", null);
        try (QueueFixture store = new QueueFixture(kind, dir);
             AttemptRecorder recorder = new AttemptRecorder(store.db(), new Ids(new MutableClock(NOW)),
                     new MutableClock(NOW), Duration.ofDays(5))) {
            String endpoint = store.endpoint();
            store.dueTasks(endpoint, responses.size(), NOW);
            List<DeliveryTask> leased = store.queue().lease(List.of(new TaskQueue.Want(endpoint, responses.size())),
                    NOW, OWNER, NOW.plusSeconds(60));
            java.util.Map<String, String> expected = new java.util.HashMap<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<AttemptRecorder.Recorded>> all = new ArrayList<>();
                for (int i = 0; i < leased.size(); i++) {
                    DeliveryTask task = leased.get(i);
                    String response = responses.get(i);
                    expected.put(task.msgId(), response);
                    all.add(threads.submit(() -> recorder.record(task, "http://127.0.0.1:9/", OWNER,
                            new SendResult.Delivered(200, response, 3), new RetryDecision.Done())));
                }
                for (Future<AttemptRecorder.Recorded> each : all) {
                    each.get();
                }
            }

            java.util.Map<String, String> stored = new java.util.HashMap<>();
            store.db().read(c -> Sql.list(c, "SELECT msg_id, response FROM message_attempt",
                    rs -> stored.put(rs.getString(1), rs.getString(2))));
            assertThat(stored).isEqualTo(expected);
        }
    }

    private static long count(QueueFixture store, String sql) {
        return store.db().read(c -> Sql.count(c, sql));
    }
}
