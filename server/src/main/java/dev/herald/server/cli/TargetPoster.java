package dev.herald.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Posts what {@code herald listen} relays to the developer's local target, byte for byte, with the headers it came
 * with except the hop-by-hop ones (and those the HTTP client sets itself), and reads the answer into what the
 * server records: status, headers, and the first {@link #MAX_BODY_CHARS} characters of the body.
 */
final class TargetPoster {
    static final int MAX_BODY_CHARS = 20_000;
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");
    private static final Duration TIMEOUT = Duration.ofSeconds(14);

    /** The target's answer, or why there was none ({@code error}, with status 0). */
    record Answer(int status, Map<String, String> headers, String body, long durationMs, String error) {
    }

    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TargetPoster(URI target) {
        this.target = target;
    }

    Answer post(String method, Map<String, String> headers, byte[] body) throws InterruptedException {
        return post(method, List.copyOf(headers.entrySet()), body);
    }

    /** Sends the headers in the order given, repeated names included. */
    Answer post(String method, List<Map.Entry<String, String>> headers, byte[] body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .method(method, body.length == 0 && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> header : headers) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue());
            }
        }
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(MAX_BODY_CHARS), StandardCharsets.UTF_8);
            }
            Map<String, String> answered = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> answered.put(name, String.join(", ", values)));
            return new Answer(response.statusCode(), answered, text, elapsedMs(started), null);
        } catch (IOException | IllegalArgumentException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Answer(0, Map.of(), "", elapsedMs(started), reason);
        }
    }

    URI target() {
        return target;
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
