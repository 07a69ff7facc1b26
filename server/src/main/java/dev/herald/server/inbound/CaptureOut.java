package dev.herald.server.inbound;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A caught request as Herald's inspection API shows it: headers as {@code [name, value]} pairs in the order
 * received, the body base64-encoded (only when one request is read). Credentials a sender put in headers are
 * withheld: the store keeps them, byte-exact, to verify with, but the API does not show them.
 */
record CaptureOut(
        String id,
        String sourceId,
        String method,
        String path,
        String query,
        List<List<String>> headers,
        String body,
        long bodySize,
        boolean bodyTruncated,
        String remoteAddress,
        Instant receivedAt,
        String status,
        String failureReason,
        String msgId) {

    static final String WITHHELD = "[withheld]";
    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

    /** The request with its body, when it was loaded. */
    static CaptureOut of(CapturedRequest r) {
        return of(r, r.body() != null);
    }

    /** The request without its body. */
    static CaptureOut summary(CapturedRequest r) {
        return of(r, false);
    }

    private static CaptureOut of(CapturedRequest r, boolean withBody) {
        List<List<String>> headers = r.headers().stream()
                .map(h -> List.of(h.getKey(), CREDENTIALS.contains(h.getKey().toLowerCase(Locale.ROOT))
                        ? WITHHELD : h.getValue()))
                .toList();
        return new CaptureOut(r.id(), r.sourceId(), r.method(), r.path(), r.query(), headers,
                withBody ? Base64.getEncoder().encodeToString(r.body()) : null, r.bodySize(),
                r.bodyTruncated(), r.remoteAddress(), r.receivedAt(), r.status().wireName(), r.failureReason(), r.msgId());
    }
}
