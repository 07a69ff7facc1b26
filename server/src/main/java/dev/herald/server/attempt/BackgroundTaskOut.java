package dev.herald.server.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Svix BackgroundTaskOut ({@code qtask_} id, {@code running|finished|failed}, the kind such as
 * {@code endpoint.recover}, and its result data). The 202 that starts a task (RecoverOut, ReplayOut) is the same
 * without {@code data}.
 */
record BackgroundTaskOut(JsonNode data, String id, String status, String task, Instant updatedAt) {

    BackgroundTaskOut withoutData() {
        return new BackgroundTaskOut(null, id, status, task, updatedAt);
    }
}
