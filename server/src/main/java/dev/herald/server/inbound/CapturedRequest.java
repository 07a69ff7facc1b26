package dev.herald.server.inbound;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request caught at a source's ingest URL, byte-exact: method, the path after the token and the raw query,
 * headers in the order and case received, the raw body, the peer's address and the time of arrival. {@code body}
 * is null in listings, which leave bodies out ({@code bodySize}, the size as received, is always set). A request
 * Herald refused keeps only the first bytes of its body ({@code bodyTruncated} then says so).
 */
record CapturedRequest(
        String id,
        String sourceId,
        String method,
        String path,
        String query,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        long bodySize,
        boolean bodyTruncated,
        String remoteAddress,
        Instant receivedAt,
        CaptureStatus status,
        String failureReason,
        String msgId) {

    CapturedRequest {
        headers = List.copyOf(headers);
    }

    CapturedRequest failed(String reason) {
        return new CapturedRequest(id, sourceId, method, path, query, headers, body, bodySize, bodyTruncated,
                remoteAddress, receivedAt, CaptureStatus.FAILED, reason, msgId);
    }

    CapturedRequest duplicate(String note) {
        return new CapturedRequest(id, sourceId, method, path, query, headers, body, bodySize, bodyTruncated,
                remoteAddress, receivedAt, CaptureStatus.DUPLICATE, note, msgId);
    }

    CapturedRequest forwarded(String newMsgId) {
        return new CapturedRequest(id, sourceId, method, path, query, headers, body, bodySize, bodyTruncated,
                remoteAddress, receivedAt, CaptureStatus.FORWARDED, null, newMsgId);
    }

    /** The request with only the first {@code maxBytes} of its body; {@code bodySize} stays the size received. */
    CapturedRequest truncated(int maxBytes) {
        if (body.length <= maxBytes) {
            return this;
        }
        return new CapturedRequest(id, sourceId, method, path, query, headers, Arrays.copyOf(body, maxBytes),
                bodySize, true, remoteAddress, receivedAt, status, failureReason, msgId);
    }

    /** The first value of a header, by name regardless of case. */
    Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
