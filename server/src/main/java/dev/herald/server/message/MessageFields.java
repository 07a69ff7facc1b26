package dev.herald.server.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Validate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated Svix MessageIn. The payload is the exact bytes of {@code payload} in the request, or the text of
 * {@code transformationsParams.rawPayload} (which the Java SDK 2.x always uses), delivered verbatim.
 */
record MessageFields(String eventType, byte[] payload, String eventId, List<String> channels, List<String> tags,
                     Integer retentionHours, Optional<JsonInput> inlineApplication) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]{1,256}");
    private static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9\\-_.:]{1,128}");
    private static final int MAX_RETENTION_DAYS = 90;

    static MessageFields parse(byte[] body) {
        JsonInput in = JsonInput.parse(body);
        String eventType = eventType(in);
        byte[] payload = payload(in, body);
        String eventId = in.string("eventId").orElse(null);
        Validate.uid(in, "eventId", "msg", eventId);
        List<String> channels = channels(in);
        List<String> tags = names(in, "tags", 5);
        Integer hours = in.integer("payloadRetentionHours", 1, MAX_RETENTION_DAYS * 24L).map(Long::intValue)
                .orElseGet(() -> in.integer("payloadRetentionPeriod", 1, MAX_RETENTION_DAYS).map(d -> (int) (d * 24))
                        .orElse(null));
        Optional<JsonInput> application = in.node("application").filter(JsonNode::isObject)
                .map(n -> JsonInput.of((com.fasterxml.jackson.databind.node.ObjectNode) n));
        if (in.node("application").isPresent() && application.isEmpty()) {
            in.error("application", "must be an object");
        }
        in.check();
        return new MessageFields(eventType, payload, eventId, channels, tags, hours, application);
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
        return names(in, "channels", 5);
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

    private static List<String> names(JsonInput in, String field, int max) {
        List<String> values = in.stringList(field).orElse(null);
        if (values == null) {
            return null;
        }
        if (values.isEmpty() || values.size() > max) {
            in.error(field, "must have between 1 and " + max + " entries");
        } else if (values.stream().anyMatch(v -> !CHANNEL.matcher(v).matches())) {
            in.error(field, "entries must be 1-128 characters of a-z, A-Z, 0-9, '-', '_', '.' and ':'");
        }
        return List.copyOf(values);
    }
}
