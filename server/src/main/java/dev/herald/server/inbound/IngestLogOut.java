package dev.herald.server.inbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A refused request as Svix's ingest log shows it ({@code IngestLogOut}, in Svix's snake_case): the status it was
 * answered with, the reason, its headers as one value per lower-case name (repeats joined with {@code ", "},
 * credentials withheld as in {@link CaptureOut}) and the kept start of its body as text. The id is the captured
 * request's, so the same request can be read whole through Herald's own {@code …/request/{id}}.
 */
record IngestLogOut(
        String id,
        @JsonProperty("source_id") String sourceId,
        @JsonProperty("status_code") int statusCode,
        @JsonProperty("error_text") String errorText,
        Map<String, String> headers,
        String payload,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** What {@link IngestUrlRoutes} answers a request that failed verification. */
    static final int REFUSED_STATUS = 401;

    static IngestLogOut of(CapturedRequest refused) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (var header : CaptureOut.summary(refused).headers()) {
            headers.merge(header.get(0).toLowerCase(Locale.ROOT), header.get(1), (a, b) -> a + ", " + b);
        }
        return new IngestLogOut(refused.id(), refused.sourceId(), REFUSED_STATUS, refused.failureReason(), headers,
                new String(refused.body(), StandardCharsets.UTF_8), refused.receivedAt(), refused.receivedAt());
    }
}
