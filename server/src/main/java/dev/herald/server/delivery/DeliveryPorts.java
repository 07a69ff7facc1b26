package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;
import dev.herald.webhooks.SigningKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the delivery engine reads from the other features, as narrow functions (wired in Herald). */
public final class DeliveryPorts {
    private DeliveryPorts() {
    }

    /** An endpoint by id, whichever application it belongs to. */
    @FunctionalInterface
    public interface EndpointLookup {
        Optional<Endpoint> find(String endpointId);
    }

    /** The secrets that sign for an endpoint right now: the current one and any still in a rotation's grace period. */
    @FunctionalInterface
    public interface SigningKeys {
        List<SigningKey> forEndpoint(String endpointId, Instant now);
    }

    /** A message's raw payload and content type, or empty when the payload was pruned or expunged. */
    @FunctionalInterface
    public interface PayloadLookup {
        Optional<Payload> payload(String msgId);
    }

    /**
     * The payloads of several messages in one read, by message id; a message whose payload was pruned, expunged or
     * is large may be missing, and its delivery reads it. The poller reads those of the tasks it leased at once,
     * instead of each delivery its own.
     */
    @FunctionalInterface
    public interface Payloads {
        Map<String, Payload> of(Collection<String> msgIds);
    }

    /** An application by id: its organisation and uid for operational events, its throttle for sending. */
    @FunctionalInterface
    public interface AppLookup {
        Optional<AppRef> find(String appId);
    }

    /**
     * Carries deliveries to endpoints that {@code herald listen} sessions hold, instead of the network: their URLs
     * name no host Herald could reach ({@code listen.herald.invalid}).
     */
    public interface Relay {
        /** Whether deliveries to this URL go through the relay. */
        boolean relays(String url);

        /** Hands the signed request to a listener of the endpoint and returns its answer; never throws. */
        SendResult send(String endpointId, String msgId, Map<String, String> headers, byte[] body);
    }

    /** An application as delivery sees it; {@code throttleRate} is null (or 0) when it is not throttled. */
    public record AppRef(String orgId, String id, String uid, Integer throttleRate) {
    }
}
