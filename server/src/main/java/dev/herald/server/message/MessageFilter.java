package dev.herald.server.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The Svix list filters for messages. */
public record MessageFilter(List<String> eventTypes, Optional<String> channel, Optional<String> tag,
                            Optional<Instant> before, Optional<Instant> after) {
    public static final MessageFilter NONE =
            new MessageFilter(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The same filter without its time window (for lists whose window applies to another table). */
    public MessageFilter withoutTimes() {
        return new MessageFilter(eventTypes, channel, tag, Optional.empty(), Optional.empty());
    }
}
