package dev.herald.server.message;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.herald.server.core.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Svix MessageOut. The payload is embedded as the raw JSON given (or as a string when it was not JSON). */
public record MessageOut(
        String eventId,
        String eventType,
        @JsonRawValue String payload,
        List<String> channels,
        List<String> tags,
        String id,
        Instant timestamp,
        Instant deliverAt) {

    public static MessageOut of(Message m, boolean withContent) {
        return new MessageOut(m.eventId(), m.eventType(), withContent ? payloadJson(m.payload()) : "{}",
                m.channels(), m.tags(), m.id(), m.createdAt(), m.deliverAt());
    }

    private static String payloadJson(byte[] payload) {
        if (payload == null) {
            return "{}";
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        return RawJson.isJson(payload) ? text : Json.writeString(text);
    }
}
