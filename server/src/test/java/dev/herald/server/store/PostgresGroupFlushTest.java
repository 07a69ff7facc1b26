package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's group commit answers a writer only after a flush that began after the writer's commit, and lets
 * every writer waiting meanwhile share the next flush.
 */
class PostgresGroupFlushTest {
    /** A flush that waits for the test's word, counting how many began. */
    private static final class HeldFlush implements PostgresGroupFlush.Flush {
        final Semaphore began = new Semaphore(0);
        final Semaphore allowed = new Semaphore(0);
        final AtomicInteger count = new AtomicInteger();
        volatile boolean failing;

        @Override
        public void run() throws SQLException {
            count.incrementAndGet();
            began.release();
            allowed.acquireUninterruptibly();
            if (failing) {
                throw new SQLException("server gone");
            }
        }
    }

    private static CompletableFuture<Void> awaitAsync(PostgresGroupFlush flush) {
        return CompletableFuture.runAsync(flush::awaitDurable, command -> Thread.ofVirtual().start(command));
    }

    /** A first writer, whose flush is now running (and held). */
    private static CompletableFuture<Void> firstWriterFlushing(PostgresGroupFlush flush, HeldFlush held)
            throws InterruptedException {
        CompletableFuture<Void> first = awaitAsync(flush);
        assertThat(held.began.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    @Test
    void aWriterArrivingDuringAFlushWaitsForTheNextOne() throws Exception {
        HeldFlush held = new HeldFlush();
        try (PostgresGroupFlush flush = new PostgresGroupFlush(held)) {
            CompletableFuture<Void> first = firstWriterFlushing(flush, held);
            CompletableFuture<Void> second = awaitAsync(flush); // its commit may postdate the running flush
            Thread.sleep(100);

            held.allowed.release();
            first.get(10, TimeUnit.SECONDS);
            assertThat(held.began.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second).isNotDone();

            held.allowed.release();
            second.get(10, TimeUnit.SECONDS);
            assertThat(held.count).hasValue(2);
        }
    }

    @Test
    void writersWaitingTogetherShareOneFlush() throws Exception {
        HeldFlush held = new HeldFlush();
        try (PostgresGroupFlush flush = new PostgresGroupFlush(held)) {
            CompletableFuture<Void> first = firstWriterFlushing(flush, held);
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiting.add(awaitAsync(flush));
            }
            Thread.sleep(200); // all twenty are waiting before the running flush ends

            held.allowed.release(2);
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(held.count).hasValue(2);
        }
    }

    @Test
    void aFailedFlushFailsItsWritersAndALaterFlushServesNewOnes() throws Exception {
        HeldFlush held = new HeldFlush();
        held.failing = true;
        try (PostgresGroupFlush flush = new PostgresGroupFlush(held)) {
            held.allowed.release();
            assertThatThrownBy(flush::awaitDurable).isInstanceOf(StoreException.class)
                    .hasMessageContaining("could not be made durable");

            assertThat(flush.lastFlushSucceeded()).isFalse();

            held.failing = false;
            held.allowed.release();
            awaitAsync(flush).get(10, TimeUnit.SECONDS);
            assertThat(flush.lastFlushSucceeded()).isTrue();
        }
    }

    @Test
    void refusesToWaitOnceClosed() {
        PostgresGroupFlush flush = new PostgresGroupFlush(() -> { });
        flush.close();

        assertThatThrownBy(flush::awaitDurable).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }
}
