package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The commands' view of a Svix-API server: JSON in and out with a bearer token. A refused or unreachable request
 * becomes a {@link Failure} naming the server's {@code code} and {@code detail}, which {@link Main} reports with
 * exit code 1.
 */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String baseUrl;
    private final String token;

    ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** A request the server refused, or one that never got an answer; the message is for people. */
    static final class Failure extends RuntimeException {
        private final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    String token() {
        return token;
    }

    JsonNode get(String path, Map<String, String> query) throws InterruptedException {
        return send("GET", path + queryString(query), null, Map.of());
    }

    JsonNode post(String path, Object body) throws InterruptedException {
        return send("POST", path, body, Map.of());
    }

    JsonNode send(String method, String path, Object body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .header("accept", "application/json");
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null && !token.isEmpty()) {
            request.header("authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Failure(0, "cannot reach " + baseUrl + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode json = text.isBlank() ? Json.MAPPER.missingNode() : parse(text);
        if (response.statusCode() >= 300) {
            throw new Failure(response.statusCode(), method + " " + path + " answered " + response.statusCode()
                    + describe(json, text));
        }
        return json;
    }

    /** Every item of a Svix list, following its iterators. */
    List<JsonNode> listAll(String path, Map<String, String> query) throws InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String iterator = null;
        while (true) {
            Map<String, String> page = new java.util.LinkedHashMap<>(query);
            page.put("limit", "250");
            if (iterator != null) {
                page.put("iterator", iterator);
            }
            JsonNode answer = get(path, page);
            answer.path("data").forEach(items::add);
            JsonNode next = answer.path("iterator");
            if (answer.path("done").asBoolean(true) || next.isNull() || next.asText().equals(iterator)) {
                return items;
            }
            iterator = next.asText();
        }
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> joined.add(encode(k) + "=" + encode(v)));
        return joined.toString();
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static String describe(JsonNode json, String text) {
        if (json.has("code") || json.has("detail")) {
            String detail = json.path("detail").isTextual() ? json.path("detail").asText()
                    : json.path("detail").toString();
            return ": " + json.path("code").asText("error") + ": " + detail;
        }
        return text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
