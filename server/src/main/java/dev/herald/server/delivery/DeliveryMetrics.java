package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Counts attempts by outcome and times them ({@code herald_delivery_attempts_seconds}). */
final class DeliveryMetrics implements DeliveryListener {
    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void attempted(DeliveryTask task, Endpoint endpoint, SendResult result, RetryDecision decision,
                          AttemptRecorder.Recorded recorded) {
        String outcome = switch (result) {
            case SendResult.Delivered d -> "delivered";
            case SendResult.Rejected r -> "rejected";
            case SendResult.NetworkError n -> n.timedOut() ? "timeout" : "network_error";
            case SendResult.Refused r -> "refused";
        };
        Timer.builder("herald.delivery.attempts").tag("outcome", outcome)
                .tag("decision", decision.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT))
                .register(meters).record(result.durationMs(), TimeUnit.MILLISECONDS);
    }
}
