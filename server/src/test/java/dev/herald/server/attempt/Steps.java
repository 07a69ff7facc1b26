package dev.herald.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Api;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The steps the attempt-log tests share: an application, endpoints, messages, and bounded polls of the API. */
final class Steps {
    static final Duration WAIT = Duration.ofSeconds(20);

    final Api api;
    final String appId;

    Steps(Api api) {
        this.api = api;
        var app = api.post("/api/v1/app", Map.of("name", "attempts"));
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        this.appId = app.json().get("id").asText();
    }

    String app() {
        return "/api/v1/app/" + appId;
    }

    String endpoint(String url) {
        return endpoint(url, Map.of());
    }

    String endpoint(String url, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(fields);
        body.put("url", url);
        var response = api.post(app() + "/endpoint", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    String send(String eventType, String payload) {
        return send("{\"eventType\":\"" + eventType + "\",\"payload\":" + payload + "}");
    }

    String send(String json) {
        var response = api.post(app() + "/msg", json);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("id").asText();
    }

    void eventType(String name, Object schemas) {
        var body = new HashMap<String, Object>(Map.of("name", name, "description", "test"));
        if (schemas != null) {
            body.put("schemas", schemas);
        }
        var response = api.post("/api/v1/event-type", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** The list at {@code path} once it holds at least {@code count} items (polling, bounded). */
    JsonNode awaitList(String path, int count) {
        return await(path, json -> json.path("data").size() >= count);
    }

    /** A background task once it is no longer running. */
    JsonNode awaitTask(String taskId) {
        return await("/api/v1/background-task/" + taskId, json -> !json.path("status").asText().equals("running"));
    }

    /** The JSON at {@code path} once it satisfies {@code done} (polling every 50 ms, for at most {@link #WAIT}). */
    JsonNode await(String path, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Api.Response last = api.get(path);
        while (System.nanoTime() < deadline) {
            last = api.get(path);
            if (last.status() == 200 && done.test(last.json())) {
                return last.json();
            }
            sleep();
        }
        throw new AssertionError("GET " + path + " did not reach the expected state within " + WAIT + "; last: "
                + last.status() + " " + last.body());
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
