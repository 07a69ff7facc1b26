package dev.herald.server.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Times;
import dev.herald.server.core.Validate;
import dev.herald.server.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A validated Svix MessageIn. The payload is the exact bytes of {@code payload} in the request, or the text of
 * {@code transformationsParams.rawPayload} (which the Java SDK 2.x always uses), delivered verbatim.
 */
record MessageFields(String eventType, byte[] payload, String eventId, List<String> channels, List<String> tags,
                     Integer retentionHours, Instant deliverAt, Optional<JsonInput> inlineApplication) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]{1,256}");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9\\-_./\\\\#]{1,128}");
    private static final int MAX_CHANNELS = 10;
    private static final int MAX_TAGS = 5;
    private static final int MAX_RETENTION_DAYS = 90;
    /** Svix's window for {@code deliverAt}: at least a minute and at most a day ahead of the request. */
    private static final Duration EARLIEST_SCHEDULE = Duration.ofMinutes(1);
    private static final Duration LATEST_SCHEDULE = Duration.ofHours(24);

    /** A message's fields, made inside Herald rather than read from a request: delivered at once, no channels. */
    static MessageFields internal(String eventType, byte[] payload) {
        return new MessageFields(eventType, payload, null, null, null, null, null, Optional.empty());
    }

    /** Reads a MessageIn; {@code now} is the time a {@code deliverAt} must lie at least a minute after. */
    static MessageFields parse(byte[] body, Instant now) {
        JsonInput in = JsonInput.parse(body);
        String eventType = eventType(in);
        byte[] payload = payload(in, body);
        String eventId = in.string("eventId").orElse(null);
        Validate.uid(in, "eventId", "msg", eventId);
        List<String> channels = channels(in);
        List<String> tags = strings(in, "tags", 0, MAX_TAGS, t -> TAG.matcher(t).matches(),
                "1-128 characters of a-z, A-Z, 0-9, '-', '_', '.', '/', '\\' and '#'");
        Instant deliverAt = deliverAt(in, now);
        Integer hours = in.integer("payloadRetentionHours", 1, MAX_RETENTION_DAYS * 24L).map(Long::intValue)
                .orElseGet(() -> in.integer("payloadRetentionPeriod", 1, MAX_RETENTION_DAYS).map(d -> (int) (d * 24))
                        .orElse(null));
        Optional<JsonInput> application = in.node("application").filter(JsonNode::isObject)
                .map(n -> JsonInput.of((com.fasterxml.jackson.databind.node.ObjectNode) n));
        if (in.node("application").isPresent() && application.isEmpty()) {
            in.error("application", "must be an object");
        }
        in.check();
        return new MessageFields(eventType, payload, eventId, channels, tags, hours, deliverAt, application);
    }

    /** The required {@code eventType}, checked (MessageIn and MessagePrecheckIn share it). */
    static String eventType(JsonInput in) {
        String eventType = in.requiredString("eventType");
        if (eventType != null && !NAME.matcher(eventType).matches()) {
            in.error("eventType", "must be 1-256 characters of a-z, A-Z, 0-9, '-', '_' and '.'");
        }
        return eventType;
    }

    /** The optional {@code channels}, checked (MessageIn and MessagePrecheckIn share them); null when absent. */
    static List<String> channels(JsonInput in) {
        return strings(in, "channels", 1, MAX_CHANNELS, Validate::isChannel, Validate.CHANNEL_RULE);
    }

    private static byte[] payload(JsonInput in, byte[] body) {
        Optional<JsonNode> raw = in.node("transformationsParams").map(t -> t.get("rawPayload"));
        if (raw.isPresent() && raw.get() != null && raw.get().isTextual()) {
            return raw.get().textValue().getBytes(StandardCharsets.UTF_8);
        }
        String field = in.firstPresent("payload", "data");
        Optional<byte[]> bytes = RawJson.field(body, field);
        if (bytes.isEmpty()) {
            in.error("payload", "field required");
            return null;
        }
        return bytes.get();
    }

    /** A list of distinct strings, each matching {@code valid}, with {@code min} to {@code max} entries. */
    private static List<String> strings(JsonInput in, String field, int min, int max, Predicate<String> valid,
                                        String rule) {
        List<String> values = in.stringList(field).map(given -> List.copyOf(new LinkedHashSet<>(given))).orElse(null);
        if (values == null) {
            return null;
        }
        if (values.size() < min || values.size() > max) {
            in.error(field, "must have between " + min + " and " + max + " entries");
        }
        for (String value : values) {
            if (!valid.test(value)) {
                in.error(field, "'" + value + "' is not " + rule);
            }
        }
        return values;
    }

    /** When to deliver a scheduled message; null for "at once". Svix accepts one minute to 24 hours ahead. */
    private static Instant deliverAt(JsonInput in, Instant now) {
        Optional<String> text = in.string("deliverAt");
        if (text.isEmpty()) {
            return null;
        }
        Instant at;
        try {
            at = Times.parse(text.get(), "body", "deliverAt");
        } catch (ValidationException e) {
            in.error("deliverAt", "'" + text.get() + "' is not an RFC 3339 date-time");
            return null;
        }
        if (at.isBefore(now.plus(EARLIEST_SCHEDULE)) || at.isAfter(now.plus(LATEST_SCHEDULE))) {
            in.error("deliverAt", "must be at least one minute and at most 24 hours in the future (now is "
                    + now + ")");
        }
        return at;
    }
}
