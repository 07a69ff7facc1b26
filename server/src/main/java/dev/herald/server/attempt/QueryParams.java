package dev.herald.server.attempt;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.ValidationException;
import dev.herald.server.http.Call;
import java.util.Optional;

/** Reads the Svix query parameters the attempt routes share into typed values, refusing bad ones with a 422. */
final class QueryParams {
    /** Svix's MessageStatus range on input: success, pending, fail, sending and canceled (which Herald never has). */
    static final int MAX_STATUS = 4;

    /** The response codes a {@code status_code_class} stands for (0: no HTTP answer at all). */
    record CodeRange(int low, int high) {
    }

    private QueryParams() {
    }

    /** {@code limit} and {@code iterator}; these lists always run newest first. */
    static ListQuery newestFirst(Call call) {
        return ListQuery.of(call.queryLong("limit"), call.query("iterator"), Optional.empty(), false);
    }

    static Optional<Integer> status(Call call) {
        return call.queryLong("status").map(code -> {
            if (code < 0 || code > MAX_STATUS) {
                throw ValidationException.of("query", "status", "status must be between 0 and " + MAX_STATUS);
            }
            return code.intValue();
        });
    }

    static Optional<CodeRange> statusCodeClass(Call call) {
        return call.queryLong("status_code_class").map(code -> {
            if (code < 0 || code > 500 || code % 100 != 0) {
                throw ValidationException.of("query", "status_code_class",
                        "status_code_class must be one of 0, 100, 200, 300, 400, 500");
            }
            return new CodeRange(code.intValue(), code.intValue() + 99);
        });
    }
}
