package dev.herald.server.core;

import java.util.Map;
import java.util.Set;

/**
 * Herald's own operational webhooks ({@code endpoint.created}, {@code endpoint.disabled},
 * {@code message.attempt.exhausted}, ...): features report what happened here and the delivery engine sends it to
 * the endpoints an operator registered for operational events.
 */
@FunctionalInterface
public interface OperationalEvents {
    OperationalEvents NONE = (orgId, type, data) -> { };

    /**
     * The uid of each organisation's reserved application whose endpoints are its operational webhook endpoints
     * (managed under {@code /api/v1/operational-webhook/endpoint} or as that application's endpoints).
     */
    String APP_UID = "herald-operational";

    /** Every event type Herald raises; an operational endpoint's {@code filterTypes} are chosen among these. */
    Set<String> TYPES = Set.of("endpoint.created", "endpoint.updated", "endpoint.deleted", "endpoint.disabled",
            "endpoint.enabled", "message.attempt.exhausted", "message.attempt.failing", "message.attempt.recovered",
            "background_task.finished");

    /**
     * Stores the event for delivery before it returns (so an API call that raised one answers only once it is
     * stored); never throws at the caller and never waits for the delivery itself. Call it outside transactions.
     */
    void emit(String orgId, String type, Map<String, Object> data);
}
