package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What arrives while a batch is written goes out together; a failing item fails alone. */
class WriteBatcherTest {
    /** Batches as the batcher handed them over, and a first write held until the test lets it go. */
    private static final class Recording {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch letFirstWriteFinish = new CountDownLatch(1);

        List<String> write(List<String> items) {
            batches.add(items);
            firstWriteStarted.countDown();
            await(letFirstWriteFinish);
            if (items.contains("bad")) {
                throw new StoreException("bad item in " + items, null);
            }
            return items.stream().map(String::toUpperCase).toList();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> submitAsync(WriteBatcher<String, String> batcher, String item) {
        return CompletableFuture.supplyAsync(() -> batcher.submit(item));
    }

    /** Waits until {@code count} items are queued behind the write in progress. */
    private static void awaitQueued(WriteBatcher<String, String> batcher, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batcher.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(batcher.waiting()).isEqualTo(count);
    }

    /**
     * Submits "first" and holds its write, queues {@code later} behind it one by one (in that order), then lets
     * the write finish; returns every item's result, "first" first.
     */
    private static List<CompletableFuture<String>> queuedBehindAHeldWrite(WriteBatcher<String, String> batcher,
                                                                         Recording store, List<String> later)
            throws InterruptedException {
        List<CompletableFuture<String>> results = new ArrayList<>(List.of(submitAsync(batcher, "first")));
        await(store.firstWriteStarted);
        for (String item : later) {
            results.add(submitAsync(batcher, item));
            awaitQueued(batcher, results.size() - 1);
        }
        store.letFirstWriteFinish.countDown();
        return results;
    }

    @Test
    void itemsThatArriveDuringAWriteAreWrittenTogetherInTheNext() throws Exception {
        Recording store = new Recording();
        try (WriteBatcher<String, String> batcher = new WriteBatcher<>("test-writer", 100, store::write)) {
            List<CompletableFuture<String>> results = queuedBehindAHeldWrite(batcher, store,
                    List.of("a", "b", "c", "d", "e"));

            assertThat(results.stream().map(CompletableFuture::join)).containsExactly("FIRST", "A", "B", "C", "D", "E");
            assertThat(store.batches).containsExactly(List.of("first"), List.of("a", "b", "c", "d", "e"));
        }
    }

    @Test
    void aBatchHoldsAtMostItsLimit() throws Exception {
        Recording store = new Recording();
        try (WriteBatcher<String, String> batcher = new WriteBatcher<>("test-writer", 2, store::write)) {
            queuedBehindAHeldWrite(batcher, store, List.of("a", "b", "c", "d", "e")).forEach(CompletableFuture::join);

            assertThat(store.batches).containsExactly(List.of("first"), List.of("a", "b"), List.of("c", "d"),
                    List.of("e"));
        }
    }

    @Test
    void aFailingItemFailsAloneWhileTheOthersOfItsBatchAreWritten() throws Exception {
        Recording store = new Recording();
        try (WriteBatcher<String, String> batcher = new WriteBatcher<>("test-writer", 100, store::write)) {
            List<CompletableFuture<String>> results = queuedBehindAHeldWrite(batcher, store,
                    List.of("good", "bad", "also good"));

            assertThat(results.get(0).join()).isEqualTo("FIRST");
            assertThat(results.get(1).join()).isEqualTo("GOOD");
            assertThat(results.get(3).join()).isEqualTo("ALSO GOOD");
            assertThatThrownBy(() -> results.get(2).join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(StoreException.class).hasMessageContaining("[bad]");
            // the batch of three failed as a whole, then each item was written as a batch of its own
            assertThat(store.batches).containsExactly(List.of("first"), List.of("good", "bad", "also good"),
                    List.of("good"), List.of("bad"), List.of("also good"));
        }
    }

    @Test
    void afterCloseAnItemIsWrittenOnTheCallersThread() {
        Recording store = new Recording();
        store.letFirstWriteFinish.countDown();
        WriteBatcher<String, String> batcher = new WriteBatcher<>("test-writer", 100, store::write);
        assertThat(batcher.submit("before")).isEqualTo("BEFORE");
        batcher.close();

        assertThat(batcher.submit("after")).isEqualTo("AFTER");
        assertThat(store.batches).containsExactly(List.of("before"), List.of("after"));
    }
}
