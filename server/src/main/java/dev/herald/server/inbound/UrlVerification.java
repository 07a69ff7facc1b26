package dev.herald.server.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.webhooks.provider.ZoomVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's check of a new ingest URL, answered only for a request that passed verification (an unsigned one
 * would make Herald an oracle for the secret): Slack's {@code url_verification} gets its {@code challenge} back,
 * Zoom's {@code endpoint.url_validation} its {@code plainToken} with the {@code encryptedToken}.
 */
final class UrlVerification {
    private UrlVerification() {
    }

    /** The body to answer a verified request with, when it is such a check. */
    static Optional<Map<String, String>> answer(IngestSource source, CapturedRequest request) {
        return switch (source.type()) {
            case SourceTypes.SLACK -> InboundEventType.json(request)
                    .filter(body -> "url_verification".equals(body.path("type").textValue()))
                    .map(body -> body.path("challenge"))
                    .filter(JsonNode::isTextual)
                    .map(challenge -> Map.of("challenge", challenge.textValue()));
            case SourceTypes.ZOOM -> InboundEventType.json(request)
                    .filter(body -> "endpoint.url_validation".equals(body.path("event").textValue()))
                    .map(body -> body.path("payload").path("plainToken"))
                    .filter(JsonNode::isTextual)
                    .flatMap(token -> zoom(source).map(zoom -> zoomAnswer(token.textValue(), zoom)));
            default -> Optional.empty();
        };
    }

    private static Optional<ZoomVerifier> zoom(IngestSource source) {
        return source.config().verifier().filter(ZoomVerifier.class::isInstance).map(ZoomVerifier.class::cast);
    }

    private static Map<String, String> zoomAnswer(String plainToken, ZoomVerifier zoom) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("plainToken", plainToken);
        out.put("encryptedToken", zoom.encryptedToken(plainToken));
        return out;
    }
}
