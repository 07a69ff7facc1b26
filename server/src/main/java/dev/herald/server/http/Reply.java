package dev.herald.server.http;

import dev.herald.server.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a route answers: status, content type, body bytes and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final byte[] EMPTY = new byte[0];
    static final String JSON = "application/json";

    public static Reply json(int status, Object value) {
        return new Reply(status, JSON, Json.write(value), Map.of());
    }

    public static Reply ok(Object value) {
        return json(200, value);
    }

    public static Reply created(Object value) {
        return json(201, value);
    }

    public static Reply accepted(Object value) {
        return json(202, value);
    }

    public static Reply noContent() {
        return new Reply(204, null, EMPTY, Map.of());
    }

    public static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Reply withHeader(String name, String value) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(all));
    }
}
