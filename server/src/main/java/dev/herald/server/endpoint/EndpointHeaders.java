package dev.herald.server.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.JsonInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The custom headers an endpoint sends with every delivery. Names keep the case they were given but are unique
 * regardless of case; names Herald sets itself are refused, and so are the hop-by-hop headers, which describe one
 * connection rather than the request: the HTTP client owns them ({@code Transfer-Encoding} makes it refuse the
 * request outright, so every delivery would fail) and a proxy on the way drops them. Values that look like
 * credentials are never shown back, only named as sensitive.
 */
final class EndpointHeaders {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> FORBIDDEN = Set.of("user-agent", "content-type", "content-length", "host");
    private static final List<String> FORBIDDEN_PREFIXES = List.of("svix-", "webhook-");
    private static final Set<String> HOP_BY_HOP = Set.of("transfer-encoding", "connection", "te", "trailer",
            "upgrade", "keep-alive", "expect");
    private static final String HOP_BY_HOP_PREFIX = "proxy-";
    private static final Set<String> SENSITIVE = Set.of("authorization", "cookie", "x-api-key");
    private static final List<String> SENSITIVE_PARTS = List.of("token", "secret", "password", "auth");

    /** Svix EndpointHeadersOut: the values that may be shown, and the names of those that may not. */
    record View(Map<String, String> headers, List<String> sensitive) {
        static View of(Map<String, String> all) {
            Map<String, String> shown = new LinkedHashMap<>();
            List<String> hidden = new ArrayList<>();
            all.forEach((name, value) -> {
                if (isSensitive(name)) {
                    hidden.add(name);
                } else {
                    shown.put(name, value);
                }
            });
            return new View(shown, hidden);
        }
    }

    private EndpointHeaders() {
    }

    /** A header map field of a request body, each header checked; errors are recorded in {@code in}. */
    static Optional<Map<String, String>> read(JsonInput in, String field) {
        return in.stringMap(field).map(given -> merge(in, field, Map.of(), given));
    }

    /**
     * Applies a PATCH body: {@code headers} sets the given values and deletes those given as null;
     * {@code deleteHeaders} (Svix SDK) lists further names to delete.
     */
    static Map<String, String> patch(JsonInput in, Map<String, String> current) {
        Map<String, String> changes = new LinkedHashMap<>();
        Optional<JsonNode> headers = in.node("headers");
        if (headers.isPresent() && !headers.get().isObject()) {
            in.error("headers", "must be an object of strings");
        }
        headers.filter(JsonNode::isObject).ifPresent(object -> object.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (!value.isNull() && !value.isTextual()) {
                in.error("headers", "values must be strings or null");
            }
            changes.put(entry.getKey(), value.isTextual() ? value.textValue() : null);
        }));
        in.stringList("deleteHeaders").ifPresent(names -> names.forEach(name -> changes.put(name, null)));
        if (headers.isEmpty() && !in.has("deleteHeaders")) {
            in.error("headers", "field required");
        }
        return merge(in, "headers", current, changes);
    }

    static boolean isSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE.contains(lower) || SENSITIVE_PARTS.stream().anyMatch(lower::contains);
    }

    /** The current headers with the changes applied (a null value deletes), matching names regardless of case. */
    private static Map<String, String> merge(JsonInput in, String field, Map<String, String> current,
                                             Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        changes.forEach((name, value) -> {
            merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            if (value != null) {
                check(in, field, name, value);
                merged.put(name, value);
            }
        });
        return merged;
    }

    private static void check(JsonInput in, String field, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!TOKEN.matcher(name).matches()) {
            in.error(field, "'" + name + "' is not a valid header name");
        } else if (FORBIDDEN.contains(lower) || FORBIDDEN_PREFIXES.stream().anyMatch(lower::startsWith)) {
            in.error(field, "'" + name + "' is set by Herald and may not be overridden");
        } else if (HOP_BY_HOP.contains(lower) || lower.startsWith(HOP_BY_HOP_PREFIX)) {
            in.error(field, "'" + name + "' is a hop-by-hop header, which belongs to the connection, not the request");
        } else if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            in.error(field, "the value of '" + name + "' may not contain line breaks or control characters");
        }
    }
}
