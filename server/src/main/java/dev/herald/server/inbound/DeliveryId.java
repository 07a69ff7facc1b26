package dev.herald.server.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The provider's own id of one delivery, which stays the same when the provider retries it, so a repeated request
 * is forwarded once: {@code webhook-id} (or {@code svix-id}) for Standard Webhooks senders, {@code X-GitHub-Delivery},
 * {@code X-Shopify-Webhook-Id}, Stripe's and Airwallex's event {@code id} and Slack's {@code event_id} from the JSON body (Stripe
 * sends no id header; Slack's retries, marked {@code X-Slack-Retry-Num}, repeat the same {@code event_id}). Generic
 * webhooks and the other providers name none Herald could trust. A very long id is kept as its SHA-256, so the key stays small.
 */
final class DeliveryId {
    private static final int MAX_LENGTH = 200;

    private DeliveryId() {
    }

    static Optional<String> of(IngestSource source, CapturedRequest request) {
        Optional<String> id = switch (source.type()) {
            case SourceTypes.GITHUB -> request.header("X-GitHub-Delivery");
            case SourceTypes.SHOPIFY -> request.header("X-Shopify-Webhook-Id");
            case SourceTypes.STRIPE, SourceTypes.AIRWALLEX -> bodyField(request, "id");
            case SourceTypes.SLACK -> bodyField(request, "event_id");
            default -> SourceTypes.isStandardWebhooks(source.type())
                    ? request.header("webhook-id").or(() -> request.header("svix-id")) : Optional.empty();
        };
        return id.map(String::strip).filter(text -> !text.isEmpty()).map(DeliveryId::bounded);
    }

    private static Optional<String> bodyField(CapturedRequest request, String field) {
        return InboundEventType.json(request).map(body -> body.path(field)).filter(JsonNode::isTextual)
                .map(JsonNode::textValue);
    }

    private static String bounded(String id) {
        if (id.length() <= MAX_LENGTH) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
