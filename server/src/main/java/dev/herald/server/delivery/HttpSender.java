package dev.herald.server.delivery;

import dev.herald.server.endpoint.EndpointUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed webhook: POST with the Standard Webhooks headers (and their svix-* twins), through a pooled
 * client that resolves only through the {@link SsrfGuard}, follows no redirects, gives up after the request
 * timeout (the whole attempt, so a lease that covers the timeout covers the attempt) and reads at most
 * {@link #MAX_RESPONSE_BYTES} of the answer. Never throws: the outcome is a value.
 */
public final class HttpSender implements AutoCloseable {
    /** How much of a response body the attempt log keeps (Svix keeps the same). */
    static final int MAX_RESPONSE_BYTES = 20_000;
    /**
     * The most response headers, and the longest status or header line, the client reads (HttpCore's defaults,
     * pinned here): a hostile answer's head costs at most 800 KiB, and one beyond them is a failed attempt.
     */
    static final int MAX_RESPONSE_HEADERS = 100;
    static final int MAX_LINE_BYTES = 8192;

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;
    private final SsrfGuard guard;
    private final Clock clock;
    private final Duration timeout;
    /**
     * Cancels an attempt at the request timeout, however the time went (connecting, waiting, a trickling body).
     * It is the only read timeout: a socket timeout would make every blocking read of a virtual thread a timed
     * park, which costs two wake-ups of the JDK's timer thread per read. A finished attempt's deadline is removed
     * at once, so this thread wakes only for attempts that actually time out.
     */
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("herald-send-deadline").daemon(true).factory());

    /**
     * Connections kept open or in use at once, over all destinations. Not limited per host: endpoints of different
     * tenants often share one webhook host, and a per-host limit would make them wait for each other's connections
     * (and spend their attempt deadline waiting). Each endpoint's lane already limits its requests.
     */
    static final int MAX_CONNECTIONS = 4096;

    public HttpSender(SsrfGuard guard, Duration timeout, Clock clock) {
        this.guard = guard;
        this.clock = clock;
        this.timeout = timeout;
        deadlines.setRemoveOnCancelPolicy(true);
        Timeout limit = Timeout.of(timeout);
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(guard)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(timeout.compareTo(Duration.ofSeconds(10)) < 0
                                ? timeout : Duration.ofSeconds(10)))
                        .setSocketTimeout(Timeout.DISABLED) // the deadline above bounds every read
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom()
                                .setMaxHeaderCount(MAX_RESPONSE_HEADERS)
                                .setMaxLineLength(MAX_LINE_BYTES)
                                .build())
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.DISABLED)
                        .setConnectionRequestTimeout(limit)
                        .build())
                .build();
    }

    SendResult send(WebhookRequest request) {
        return switch (EndpointUrl.parse(request.url())) {
            case EndpointUrl.Target.Sendable sendable -> send(sendable.uri(), request);
            // only an endpoint stored before the API applied the same rule gets here
            case EndpointUrl.Target.Unsendable unsendable ->
                    new SendResult.Refused("endpoint URL " + unsendable.reason());
        };
    }

    private SendResult send(URI uri, WebhookRequest request) {
        HttpPost post = new HttpPost(uri);
        SignedHeaders.of(request, clock.instant().getEpochSecond()).forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(request.body(), null));
        long started = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            post.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, post, null);
            try {
                String body = readCapped(response, post);
                long ms = elapsedMs(started);
                int code = response.getCode();
                if (code >= 200 && code < 300) {
                    return new SendResult.Delivered(code, body, ms);
                }
                return new SendResult.Rejected(code, body, ms, retryAfter(response, clock.instant()));
            } finally {
                closeAnswered(response);
            }
        } catch (SsrfGuard.RefusedAddressException e) {
            return new SendResult.Refused(e.getMessage());
        } catch (SocketTimeoutException e) {
            return new SendResult.NetworkError("timed out: " + e.getMessage(), elapsedMs(started), true);
        } catch (IOException | RuntimeException e) {
            if (timedOut.get()) {
                return new SendResult.NetworkError("timed out after " + timeout.toMillis() + " ms",
                        elapsedMs(started), true);
            }
            return new SendResult.NetworkError(networkFailure(e), elapsedMs(started), false);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Closes a response whose outcome is known. Closing the connection that {@link #readCapped} dropped fails
     * ("Socket closed"), which must not turn the answer that was read into a network error.
     */
    private static void closeAnswered(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException alreadyDropped) {
            // the answer stands
        }
    }

    /**
     * What a failed exchange tells the endpoint's owner in the attempt log: the failure's own words (the host, the
     * refused connection, the TLS alert), never a Java class name, which means nothing to a tenant.
     */
    static String networkFailure(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof IOException ? "the connection failed" : "the request could not be sent";
        }
        return "network error: " + message;
    }

    private static String readCapped(ClassicHttpResponse response, HttpPost post) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES);
        if (in.read() == -1) {
            EntityUtils.consumeQuietly(entity); // fully read: the connection goes back to the pool
        } else {
            post.cancel(); // drop the connection rather than read an unbounded body to its end
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Optional<Duration> retryAfter(ClassicHttpResponse response, Instant now) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null) {
            return Optional.empty();
        }
        String value = header.getValue().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    SsrfGuard guard() {
        return guard;
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException ignored) {
            // shutting down
        }
        connections.close();
    }
}
