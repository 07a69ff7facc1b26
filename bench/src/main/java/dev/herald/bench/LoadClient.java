package dev.herald.bench;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The same HTTP client Herald delivers with (Apache HttpClient 5 classic, pooled, on virtual threads), used both
 * for the raw loopback ceiling and to post messages to Herald.
 */
final class LoadClient implements AutoCloseable {
    private final CloseableHttpClient client;

    /** A request to make: where and what. */
    record Post(String url, String body, Map<String, String> headers) {
    }

    /** The outcome of a run of posts. */
    record Run(int ok, int failed, long nanos) {
        double perSecond() {
            return ok / (nanos / 1e9);
        }
    }

    LoadClient(int connections) {
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(connections).setMaxConnTotal(connections * 4).build())
                .disableAutomaticRetries()
                .build();
    }

    int post(Post post) throws IOException {
        HttpPost request = new HttpPost(post.url());
        post.headers().forEach(request::setHeader);
        request.setEntity(new StringEntity(post.body(), ContentType.APPLICATION_JSON));
        return client.execute(request, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    /** Makes {@code total} posts from {@code concurrency} virtual threads, paced to {@code rate}/s when rate > 0. */
    Run run(int concurrency, int total, double rate, IntFunction<Post> request) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        if (rate > 0) {
                            long due = start + (long) (i / rate * 1e9);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                        try {
                            int status = post(request.apply(i));
                            (status >= 200 && status < 300 ? ok : failed).incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return new Run(ok.get(), failed.get(), System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
