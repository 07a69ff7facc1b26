package dev.herald.server.delivery;

import dev.herald.server.core.OperationalEvents;
import dev.herald.server.endpoint.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raises the operational events of delivery: {@code message.attempt.failing} (4th failure in a row),
 * {@code message.attempt.exhausted}, {@code message.attempt.recovered} (success after failures) and
 * {@code endpoint.disabled}.
 */
final class DeliveryEvents implements DeliveryListener {
    private static final int FAILING_AFTER = 4;

    private final OperationalEvents events;
    private final DeliveryPorts.AppLookup apps;

    DeliveryEvents(OperationalEvents events, DeliveryPorts.AppLookup apps) {
        this.events = events;
        this.apps = apps;
    }

    @Override
    public void attempted(DeliveryTask task, Endpoint endpoint, SendResult result, RetryDecision decision,
                          AttemptRecorder.Recorded recorded) {
        int attempts = task.attemptCount() + 1;
        boolean success = decision instanceof RetryDecision.Done;
        String type = null;
        if (decision instanceof RetryDecision.Exhausted || decision instanceof RetryDecision.EndpointGone) {
            type = "message.attempt.exhausted";
        } else if (!success && attempts == FAILING_AFTER) {
            type = "message.attempt.failing";
        } else if (success && task.attemptCount() > 0) {
            type = "message.attempt.recovered";
        }
        if (type == null && !recorded.endpointDisabled()) {
            return;
        }
        String eventType = type;
        // stored off the delivery's own thread, so that a burst of failures never holds up the lanes
        Thread.ofVirtual().name("herald-operational-event").start(() -> raise(eventType, task, endpoint, result,
                recorded));
    }

    private void raise(String eventType, DeliveryTask task, Endpoint endpoint, SendResult result,
                       AttemptRecorder.Recorded recorded) {
        apps.find(task.appId()).ifPresent(app -> {
            if (eventType != null) {
                events.emit(app.orgId(), eventType, attemptData(app, task, endpoint, result, recorded));
            }
            if (recorded.endpointDisabled()) {
                Map<String, Object> data = base(app, endpoint);
                data.put("failSince", recorded.failingSince() == null ? null : recorded.failingSince().toString());
                data.put("trigger", "automatic");
                events.emit(app.orgId(), "endpoint.disabled", data);
            }
        });
    }

    private static Map<String, Object> attemptData(DeliveryPorts.AppRef app, DeliveryTask task, Endpoint endpoint,
                                                   SendResult result, AttemptRecorder.Recorded recorded) {
        Map<String, Object> data = base(app, endpoint);
        data.put("msgId", task.msgId());
        data.put("lastAttempt", Map.of("id", recorded.attemptId(), "timestamp", recorded.at().toString(),
                "responseStatusCode", result.statusCode()));
        return data;
    }

    private static Map<String, Object> base(DeliveryPorts.AppRef app, Endpoint endpoint) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appId", app.id());
        data.put("appUid", app.uid());
        data.put("endpointId", endpoint.id());
        data.put("endpointUid", endpoint.uid());
        return data;
    }
}
