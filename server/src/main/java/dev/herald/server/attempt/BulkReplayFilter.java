package dev.herald.server.attempt;

import dev.herald.server.core.JsonInput;
import dev.herald.server.message.MessageFilter;
import java.util.List;
import java.util.Optional;

/**
 * Svix's BulkReplayIn: the window of message creation times, the message filters ({@code eventTypes},
 * {@code channel}, {@code tag}) and, optionally, the delivery status and the class of the last response code.
 */
record BulkReplayFilter(TimeWindow window, MessageFilter messages, Optional<Integer> status,
                        Optional<QueryParams.CodeRange> codes) {

    static BulkReplayFilter parse(byte[] body) {
        JsonInput in = JsonInput.parse(body);
        List<String> eventTypes = in.stringList("eventTypes").orElse(List.of());
        Optional<String> channel = in.string("channel");
        Optional<String> tag = in.string("tag");
        Optional<Integer> status = in.integer("status", 0, QueryParams.MAX_STATUS).map(Long::intValue);
        Optional<QueryParams.CodeRange> codes = in.integer("statusCodeClass", 0, 500).map(code -> {
            if (code % 100 != 0) {
                in.error("statusCodeClass", "must be one of 0, 100, 200, 300, 400, 500");
            }
            return new QueryParams.CodeRange(code.intValue(), code.intValue() + 99);
        });
        TimeWindow window = TimeWindow.read(in);
        return new BulkReplayFilter(window, new MessageFilter(eventTypes, channel, tag, Optional.empty(),
                Optional.empty()), status, codes);
    }
}
