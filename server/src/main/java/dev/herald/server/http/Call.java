package dev.herald.server.http;

import dev.herald.server.auth.Principal;
import dev.herald.server.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One HTTP request as the routes see it: method, decoded path with its parameters, query, headers in their
 * original order and case, the raw body bytes, and who made it. The body is read when {@link #body()} is first
 * called, so nothing waits for it before the caller is known.
 */
public record Call(
        String method,
        String path,
        String rawPathAndQuery,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        List<Map.Entry<String, String>> headers,
        Supplier<byte[]> content,
        String remoteAddress,
        Principal principal) {

    public Call withRoute(Map<String, String> params, Principal who) {
        return new Call(method, path, rawPathAndQuery, Map.copyOf(params), query, headers, content, remoteAddress, who);
    }

    /** The raw body bytes (read on first use; refused with 413 above the size limit, 400/408 if they stop coming). */
    public byte[] body() {
        return content.get();
    }

    public String param(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A list parameter in any of the forms SDKs send: {@code a,b}, {@code k=a&k=b} or {@code k[]=a&k[]=b}. */
    public List<String> queryList(String name) {
        List<String> out = new ArrayList<>();
        for (String key : List.of(name, name + "[]")) {
            for (String value : query.getOrDefault(key, List.of())) {
                Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
            }
        }
        return out;
    }

    public boolean queryFlag(String name, boolean defaultValue) {
        return query(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ValidationException.of("query", name, "must be true or false");
        }).orElse(defaultValue);
    }

    public Optional<Long> queryLong(String name) {
        return query(name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ValidationException.of("query", name, "must be an integer");
            }
        });
    }
}
