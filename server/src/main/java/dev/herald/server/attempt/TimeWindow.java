package dev.herald.server.attempt;

import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Times;
import dev.herald.server.core.ValidationException;
import java.time.Instant;
import java.util.Optional;

/** The {@code {"since", "until"?}} body of recover and replay-missing (Svix RecoverIn / ReplayIn): [since, until). */
record TimeWindow(Instant since, Optional<Instant> until) {

    static TimeWindow parse(byte[] body) {
        JsonInput in = JsonInput.parse(body);
        return read(in);
    }

    /** Reads {@code since} and {@code until} from a body that may have other fields, and checks the whole body. */
    static TimeWindow read(JsonInput in) {
        String since = in.requiredString("since");
        Optional<String> until = in.string("until");
        in.check();
        TimeWindow window = new TimeWindow(Times.parse(since, "body", "since"),
                until.map(t -> Times.parse(t, "body", "until")));
        if (window.until().isPresent() && !window.until().get().isAfter(window.since())) {
            throw ValidationException.of("body", "until", "until must be later than since");
        }
        return window;
    }
}
