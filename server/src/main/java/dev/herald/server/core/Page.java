package dev.herald.server.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/** One page of a Svix list response: {@code data}, {@code iterator}, {@code prevIterator}, {@code done}. */
public record Page<T>(
        List<T> data,
        @JsonInclude(JsonInclude.Include.ALWAYS) String iterator,
        @JsonInclude(JsonInclude.Include.ALWAYS) String prevIterator,
        boolean done) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(data.stream().map(f).toList(), iterator, prevIterator, done);
    }

    /** The same page without the items the caller may not see (the iterators still walk the whole list). */
    public Page<T> filter(java.util.function.Predicate<T> visible) {
        return new Page<>(data.stream().filter(visible).toList(), iterator, prevIterator, done);
    }

    /**
     * Builds the page from rows fetched in query order with one extra row as look-ahead.
     * For a backwards query the rows come nearest-first and are put back into display order.
     */
    public static <T> Page<T> of(List<T> fetched, ListQuery query, Function<T, String> keyOf) {
        boolean more = fetched.size() > query.limit();
        List<T> rows = more ? fetched.subList(0, query.limit()) : fetched;
        if (query.backwards()) {
            rows = rows.reversed();
        }
        rows = List.copyOf(rows);
        String iterator = rows.isEmpty() ? query.cursor().orElse(null) : keyOf.apply(rows.getLast());
        String prev = rows.isEmpty() ? null : "-" + keyOf.apply(rows.getFirst());
        return new Page<>(rows, iterator, prev, !more);
    }
}
