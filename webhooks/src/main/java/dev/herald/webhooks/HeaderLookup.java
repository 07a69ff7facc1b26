package dev.herald.webhooks;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The first value of a request header, found by case-insensitive name. The one thing verifiers need from an HTTP
 * request, so any server adapts to it with a lambda.
 */
@FunctionalInterface
public interface HeaderLookup {

    /** The first value of the named header, if the request has it; the name is matched ignoring case. */
    Optional<String> first(String name);

    /** Looks names up in a map of header lists such as {@code HttpHeaders.map()}, ignoring case. */
    static HeaderLookup of(Map<String, ? extends List<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        return name -> headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue() == null ? Stream.empty() : entry.getValue().stream())
                .filter(Objects::nonNull)
                .findFirst();
    }
}
