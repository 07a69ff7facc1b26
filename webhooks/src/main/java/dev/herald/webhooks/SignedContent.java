package dev.herald.webhooks;

import java.nio.charset.StandardCharsets;

/** The bytes a Standard Webhooks signature covers: {@code id.timestamp.} followed by the raw body, never re-encoded. */
final class SignedContent {

    private SignedContent() {
    }

    static byte[] of(String msgId, long timestampSeconds, byte[] body) {
        byte[] prefix = (msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }
}
