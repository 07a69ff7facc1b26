package dev.herald.server.core;

import java.util.Map;

/**
 * Herald's own operational webhooks ({@code endpoint.created}, {@code endpoint.disabled},
 * {@code message.attempt.exhausted}, ...): features report what happened here and the delivery engine sends it to
 * the endpoints an operator registered for operational events.
 */
@FunctionalInterface
public interface OperationalEvents {
    OperationalEvents NONE = (orgId, type, data) -> { };

    /** Reports an event; never throws at the caller and never blocks it on delivery. */
    void emit(String orgId, String type, Map<String, Object> data);
}
