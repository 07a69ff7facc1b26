package dev.herald.server.delivery;

import java.util.Map;

/**
 * Everything the sender needs for one signed POST: where, the message id, the raw body with its content type, and
 * extra headers.
 */
record WebhookRequest(String url, String msgId, byte[] body, String contentType, Map<String, String> headers,
                      java.util.List<dev.herald.webhooks.SigningKey> keys) {
}
