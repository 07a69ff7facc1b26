package dev.herald.server.attempt;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.server.delivery.MessageStatus;
import dev.herald.server.delivery.TriggerType;
import dev.herald.server.message.MessageOut;
import java.time.Instant;

/**
 * Svix MessageAttemptOut. {@code msg} is present only when the caller asked for it ({@code with_msg=true});
 * without content ({@code with_content=false}) the response body is left out as an empty string, since the SDKs
 * require the field.
 */
record MessageAttemptOut(
        String url,
        String response,
        int responseStatusCode,
        long responseDurationMs,
        MessageStatus status,
        TriggerType triggerType,
        String msgId,
        String endpointId,
        String id,
        Instant timestamp,
        MessageOut msg) {

    static MessageAttemptOut of(Attempt a, boolean withContent, MessageOut msg) {
        String response = !withContent || a.response() == null ? "" : a.response();
        return new MessageAttemptOut(a.url(), response, a.responseStatusCode(), a.responseDurationMs(), a.status(),
                a.trigger(), a.msgId(), a.endpointId(), a.id(), a.createdAt(), msg);
    }

    @JsonProperty("statusText")
    String statusText() {
        return status.text();
    }
}
