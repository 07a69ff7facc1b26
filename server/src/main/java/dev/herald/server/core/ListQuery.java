package dev.herald.server.core;

import java.util.Optional;

/**
 * Svix pagination input: {@code limit} (1-250, default 50), an {@code iterator} (a key; a leading {@code -} pages
 * backwards) and the display order.
 */
public record ListQuery(int limit, Optional<String> iterator, boolean ascending) {
    public static final int MAX_LIMIT = 250;

    public static ListQuery of(Optional<Long> limit, Optional<String> iterator, Optional<String> order,
                               boolean defaultAscending) {
        long n = limit.orElse(50L);
        if (n < 1 || n > MAX_LIMIT) {
            throw ValidationException.of("query", "limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        boolean ascending = order.map(o -> switch (o) {
            case "ascending" -> true;
            case "descending" -> false;
            default -> throw ValidationException.of("query", "order", "order must be ascending or descending");
        }).orElse(defaultAscending);
        return new ListQuery((int) n, iterator.filter(s -> !s.isEmpty() && !s.equals("-")), ascending);
    }

    public boolean backwards() {
        return iterator.map(i -> i.startsWith("-")).orElse(false);
    }

    /** The key the iterator points at, without the direction mark. */
    public Optional<String> cursor() {
        return iterator.map(i -> i.startsWith("-") ? i.substring(1) : i);
    }
}
