package dev.herald.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw HTTP client for API tests: send any bytes, see the status and the JSON that came back. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers = new LinkedHashMap<>();

    Api(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The answer: status, raw body and, when the body is JSON, the parsed tree (else a missing node). */
    public record Response(int status, String body, JsonNode json, HttpResponse<byte[]> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Api withToken(String otherToken) {
        Api api = new Api(baseUrl, otherToken);
        api.headers.putAll(headers);
        return api;
    }

    public Api withHeader(String name, String value) {
        Api api = new Api(baseUrl, token);
        api.headers.putAll(headers);
        api.headers.put(name, value);
        return api;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** Sends {@code body} as given when it is a String or byte[], else as JSON. */
    public Response send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
            } catch (IOException e) {
                json = JSON.missingNode();
            }
            return new Response(response.statusCode(), text, json, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            return switch (body) {
                case null -> HttpRequest.BodyPublishers.noBody();
                case byte[] bytes -> HttpRequest.BodyPublishers.ofByteArray(bytes);
                case String text -> HttpRequest.BodyPublishers.ofString(text);
                default -> HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
