package dev.herald.server.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * The event type a forwarded request carries: the provider's own name for the event where it sends one
 * ({@code X-GitHub-Event}, {@code X-Shopify-Topic}, the JSON {@code type} of Stripe and Standard Webhooks senders,
 * Slack's {@code event.type}, the JSON {@code event} of Zoom and DocuSign, Airwallex's {@code name}), else
 * {@code inbound.<source type>}. Characters Svix does not allow in event type names become {@code .}, so Shopify's
 * {@code orders/create} arrives as {@code orders.create}.
 */
final class InboundEventType {
    private static final int MAX_LENGTH = 256;

    private InboundEventType() {
    }

    static String of(IngestSource source, CapturedRequest request) {
        Optional<String> named = switch (source.type()) {
            case SourceTypes.GITHUB -> request.header("X-GitHub-Event");
            case SourceTypes.SHOPIFY -> request.header("X-Shopify-Topic");
            case SourceTypes.SLACK -> json(request).flatMap(body -> text(body.path("event").path("type"))
                    .or(() -> text(body.path("type"))));
            case SourceTypes.ZOOM, SourceTypes.DOCUSIGN -> json(request).flatMap(body -> text(body.path("event")));
            case SourceTypes.AIRWALLEX -> json(request).flatMap(body -> text(body.path("name")));
            case SourceTypes.GENERIC_WEBHOOK -> Optional.empty();
            default -> json(request).flatMap(body -> text(body.path("type")));
        };
        return named.map(InboundEventType::clean).filter(name -> !name.isEmpty())
                .orElse("inbound." + source.type());
    }

    /** The body as JSON, if it is JSON. */
    static Optional<JsonNode> json(CapturedRequest request) {
        if (request.body().length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(request.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    private static String clean(String name) {
        String cleaned = name.strip().replaceAll("[^a-zA-Z0-9\\-_.]", ".");
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
    }
}
