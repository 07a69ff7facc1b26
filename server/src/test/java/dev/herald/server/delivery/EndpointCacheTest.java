package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.endpoint.Endpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to one endpoint that need it at the same moment read it once: the first time together, and after the
 * cache's second has passed one of them reads it again while the others go on with what was read before.
 */
class EndpointCacheTest {
    private final AtomicInteger reads = new AtomicInteger();
    private final CountDownLatch readStarted = new CountDownLatch(1);
    private final CountDownLatch letReadFinish = new CountDownLatch(1);
    private volatile boolean holdReads = true;
    private volatile String url = "https://example.com/first";

    private final AtomicInteger readingNow = new AtomicInteger();
    private final AtomicInteger mostReadingAtOnce = new AtomicInteger();

    private Optional<Endpoint> read(String id) {
        reads.incrementAndGet();
        mostReadingAtOnce.accumulateAndGet(readingNow.incrementAndGet(), Math::max);
        try {
            return heldRead(id);
        } finally {
            readingNow.decrementAndGet();
        }
    }

    private Optional<Endpoint> heldRead(String id) {
        readStarted.countDown();
        if (holdReads) {
            try {
                assertThat(letReadFinish.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.of(new Endpoint(id, "app_1", null, url, "", null, false, null, null, Map.of(), Map.of(),
                Instant.EPOCH, Instant.EPOCH));
    }

    /** A thread each: the common pool may have one thread on a small machine, and these calls block. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final EndpointCache cache = new EndpointCache(this::read, (id, now) -> List.of(),
            appId -> Optional.empty(), Clock.systemUTC());

    private List<CompletableFuture<String>> findConcurrently(int count) {
        List<CompletableFuture<String>> found = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            found.add(CompletableFuture.supplyAsync(() -> cache.find("ep_1").orElseThrow().endpoint().url(),
                    threads));
        }
        return found;
    }

    @Test
    void deliveriesThatNeedAnUnreadEndpointTogetherShareOneRead() throws Exception {
        List<CompletableFuture<String>> found = findConcurrently(20);
        assertThat(readStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100); // the others arrive meanwhile and wait for the read in progress
        letReadFinish.countDown();

        assertThat(found.stream().map(CompletableFuture::join)).containsOnly("https://example.com/first");
        assertThat(reads).hasValue(1);
    }

    @Test
    void afterItsSecondOneDeliveryReadsTheEndpointAgainWhileTheOthersUseTheLastRead() throws Exception {
        holdReads = false;
        assertThat(cache.find("ep_1").orElseThrow().endpoint().url()).isEqualTo("https://example.com/first");
        Thread.sleep(EndpointCache.TTL.toMillis() + 100);
        url = "https://example.com/edited";
        holdReads = true;
        CountDownLatch secondRead = new CountDownLatch(1);
        CompletableFuture<String> refreshing = CompletableFuture.supplyAsync(() -> {
            secondRead.countDown();
            return cache.find("ep_1").orElseThrow().endpoint().url();
        }, threads);
        secondRead.await();
        while (reads.get() < 2) {
            Thread.sleep(1);
        }

        // while that read is held, everyone else is answered at once from the last read
        assertThat(findConcurrently(10).stream().map(CompletableFuture::join)).containsOnly("https://example.com/first");
        letReadFinish.countDown();
        assertThat(refreshing.get(10, TimeUnit.SECONDS)).isEqualTo("https://example.com/edited");
        assertThat(cache.find("ep_1").orElseThrow().endpoint().url()).isEqualTo("https://example.com/edited");
        assertThat(reads).hasValue(2);
    }

    @Test
    void manyEndpointsReadForTheFirstTimeTogetherTakeOnlyAFewConnectionsAtOnce() throws Exception {
        List<CompletableFuture<Optional<EndpointCache.Target>>> found = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "ep_" + i;
            found.add(CompletableFuture.supplyAsync(() -> cache.find(id), threads));
        }
        assertThat(readStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200); // every caller has had time to start its read, were it allowed to
        letReadFinish.countDown();

        assertThat(found.stream().map(CompletableFuture::join)).allMatch(Optional::isPresent);
        assertThat(reads).hasValue(40);
        assertThat(mostReadingAtOnce.get()).isBetween(1, 4);
    }
}
