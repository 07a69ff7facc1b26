package dev.herald.server.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.http.Reply;
import dev.herald.webhooks.provider.Verification;
import dev.herald.webhooks.provider.ZoomVerifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's check of a new ingest URL. Slack's {@code url_verification} gets its {@code challenge} back and Zoom's
 * {@code endpoint.url_validation} its {@code plainToken} with the {@code encryptedToken}, only when the request
 * passed the source's signature check (an unsigned one would make Herald an oracle for the secret). Meta's
 * subscription {@code GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…} carries no signature: it passes
 * when its {@code hub.verify_token} is the source's {@code verifyToken}, and gets {@code hub.challenge} back as text.
 */
final class UrlVerification {
    private UrlVerification() {
    }

    /** How a Meta subscription request is judged, for a {@code meta} source; empty for every other request. */
    static Optional<Verification> tokenCheck(IngestSource source, CapturedRequest request) {
        if (!(source.config() instanceof SourceConfig.Meta meta) || !isMetaSubscription(request)) {
            return Optional.empty();
        }
        byte[] expected = meta.verifyToken().getBytes(StandardCharsets.UTF_8);
        byte[] presented = queryParam(request, "hub.verify_token").orElse("").getBytes(StandardCharsets.UTF_8);
        return Optional.of(MessageDigest.isEqual(expected, presented) ? Verification.verified()
                : Verification.rejected("hub.verify_token does not match the source's verifyToken"));
    }

    /** The answer to a verified request, when it is such a check. */
    static Optional<Reply> answer(IngestSource source, CapturedRequest request) {
        return switch (source.type()) {
            case SourceTypes.SLACK -> InboundEventType.json(request)
                    .filter(body -> "url_verification".equals(body.path("type").textValue()))
                    .map(body -> body.path("challenge"))
                    .filter(JsonNode::isTextual)
                    .map(challenge -> Reply.ok(Map.of("challenge", challenge.textValue())));
            case SourceTypes.ZOOM -> InboundEventType.json(request)
                    .filter(body -> "endpoint.url_validation".equals(body.path("event").textValue()))
                    .map(body -> body.path("payload").path("plainToken"))
                    .filter(JsonNode::isTextual)
                    .flatMap(token -> zoom(source).map(zoom -> Reply.ok(zoomAnswer(token.textValue(), zoom))));
            case SourceTypes.META -> isMetaSubscription(request)
                    ? Optional.of(Reply.text(200, "text/plain; charset=utf-8",
                            queryParam(request, "hub.challenge").orElse("")))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean isMetaSubscription(CapturedRequest request) {
        return request.method().equals("GET")
                && queryParam(request, "hub.mode").filter("subscribe"::equals).isPresent();
    }

    /** The first value of a query parameter, decoded; empty when absent or not validly encoded. */
    private static Optional<String> queryParam(CapturedRequest request, String name) {
        if (request.query() == null) {
            return Optional.empty();
        }
        for (String pair : request.query().split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return Optional.of(equals < 0 ? ""
                            : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException badEncoding) {
                return Optional.empty();
            }
        }
        return Optional.empty();
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
