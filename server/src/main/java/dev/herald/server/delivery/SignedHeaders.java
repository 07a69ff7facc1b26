package dev.herald.server.delivery;

import dev.herald.server.cli.Version;
import dev.herald.webhooks.WebhookSigner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of one delivery, whatever carries it: the endpoint's own headers, then the Standard Webhooks
 * headers with their svix-* twins, the user agent and the content type, signed at the given time.
 */
final class SignedHeaders {
    static final String USER_AGENT = "Herald-Webhooks/" + Version.current();

    private SignedHeaders() {
    }

    static Map<String, String> of(WebhookRequest request, long timestampSeconds) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        String signature = WebhookSigner.sign(request.msgId(), timestampSeconds, request.body(), request.keys());
        String timestamp = Long.toString(timestampSeconds);
        headers.put("webhook-id", request.msgId());
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", signature);
        headers.put("svix-id", request.msgId());
        headers.put("svix-timestamp", timestamp);
        headers.put("svix-signature", signature);
        headers.put("user-agent", USER_AGENT);
        // The content type goes out exactly as given (an inbound forward keeps its provider's), not re-serialised.
        headers.put("content-type", request.contentType());
        return headers;
    }
}
