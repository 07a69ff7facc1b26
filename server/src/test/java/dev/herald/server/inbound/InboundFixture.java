package dev.herald.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Inbound tests' hands: makes sources and ingest endpoints through the API, sends raw requests to ingest URLs the
 * way a provider would (HTTP/1.1, headers as given), and reads back what Herald caught.
 */
final class InboundFixture {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A source as the API returned it. */
    record Source(String id, String ingestUrl, JsonNode json) {
    }

    /** What an ingest URL answered. */
    record Answer(int status, String body) {
    }

    private final Api api;

    InboundFixture(Api api) {
        this.api = api;
    }

    Source source(Map<String, Object> body) {
        Api.Response created = api.post("/ingest/api/v1/source", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Source(created.json().get("id").asText(), created.json().get("ingestUrl").asText(),
                created.json());
    }

    /** Adds an ingest endpoint at the receiver and returns its signing secret. */
    String endpoint(Source source, Receiver receiver) {
        Api.Response created = api.post("/ingest/api/v1/source/" + source.id() + "/endpoint",
                Map.of("url", receiver.url("/forwarded")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String endpointId = created.json().get("id").asText();
        return api.get("/ingest/api/v1/source/" + source.id() + "/endpoint/" + endpointId + "/secret")
                .json().get("key").asText();
    }

    /** Sends a request as a provider would; headers are name/value pairs, in order. */
    static Answer send(String method, String url, List<String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a POST over a plain socket, headers exactly in the order and case given (the JDK client sorts them), and
     * returns the status code.
     */
    static int rawPost(String url, List<String> headers, byte[] body) {
        URI uri = URI.create(url);
        StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (int i = 0; i < headers.size(); i += 2) {
            head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer post(String url, List<String> headers, byte[] body) {
        return send("POST", url, headers, body);
    }

    /** The requests the source caught, newest first, without bodies. */
    List<JsonNode> captures(Source source) {
        return listed("/ingest/api/v1/source/" + source.id() + "/request?limit=250");
    }

    /** The one request the source caught so far, with its body. */
    JsonNode onlyCapture(Source source) {
        List<JsonNode> all = captures(source);
        assertThat(all).hasSize(1);
        return capture(source, all.get(0).get("id").asText());
    }

    JsonNode capture(Source source, String requestId) {
        Api.Response one = api.get("/ingest/api/v1/source/" + source.id() + "/request/" + requestId);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        return one.json();
    }

    /** The messages of the source's own application: what it forwarded. */
    List<JsonNode> messages(Source source) {
        return listed("/api/v1/app/ingest-" + source.id() + "/msg?with_content=false");
    }

    /** The {@code data} of one list page. */
    private List<JsonNode> listed(String path) {
        Api.Response list = api.get(path);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        list.json().get("data").forEach(out::add);
        return out;
    }

    /** A source of this config, for unit tests of what Herald makes of a request. */
    static IngestSource sourceOf(SourceConfig config) {
        return new IngestSource("src_1", "org_1", "app_1", null, "s", config, "token", Map.of(), Instant.EPOCH,
                Instant.EPOCH);
    }

    /** A request as caught, with these header name/value pairs and body, for unit tests. */
    static CapturedRequest requestOf(List<String> headers, String body) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < headers.size(); i += 2) {
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(headers.get(i), headers.get(i + 1)));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new CapturedRequest("inreq_1", "src_1", "POST", "", null, pairs, bytes, bytes.length, false,
                "127.0.0.1", Instant.EPOCH, CaptureStatus.RECEIVED, null, null);
    }

    static byte[] bodyOf(JsonNode capture) {
        return Base64.getDecoder().decode(capture.get("body").asText());
    }

    /**
     * Checks a forwarded request's Standard Webhooks signature by hand over the raw bytes (the official verifier
     * takes a String, which cannot carry non-UTF-8 bodies).
     */
    static void assertSignedFor(Receiver.Received forwarded, String endpointSecret) {
        String id = forwarded.header("webhook-id");
        String timestamp = forwarded.header("webhook-timestamp");
        byte[] key = Base64.getDecoder().decode(endpointSecret.substring("whsec_".length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(forwarded.body()));
            assertThat(forwarded.header("webhook-signature").split(" ")).contains(expected);
            assertThat(forwarded.header("svix-signature")).isEqualTo(forwarded.header("webhook-signature"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
