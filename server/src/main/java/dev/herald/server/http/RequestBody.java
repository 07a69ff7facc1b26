package dev.herald.server.http;

import dev.herald.server.core.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request body, read only when a route first asks for it: a route asks after the caller is authenticated (or,
 * on an ingest URL, after its token is found), so a stranger cannot make Herald wait for or hold a body. A body
 * larger than the limit is refused with 413; a client that stops sending gets 400, one too slow 408 — expected
 * outcomes, so nothing is logged.
 */
final class RequestBody {
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final Request request;
    private final long maxBytes;
    private byte[] bytes;

    RequestBody(Request request, long maxBytes) {
        this.request = request;
        this.maxBytes = maxBytes;
    }

    synchronized byte[] bytes() {
        if (bytes == null) {
            bytes = read();
        }
        return bytes;
    }

    /** True when the request carries a body that no route read (it was answered before it needed one). */
    synchronized boolean leftUnread() {
        return bytes == null && (request.getLength() > 0
                || request.getLength() < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    private byte[] read() {
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            // With a Content-Length, read into an array of exactly that size; else up to one byte past the limit.
            byte[] read = in.readNBytes((int) (declared >= 0 && declared <= maxBytes ? declared + 1 : maxBytes + 1));
            if (read.length > maxBytes) {
                // Read on (up to a bound) so the client finishes sending and sees the 413 instead of a reset.
                in.skip(DRAIN_LIMIT);
                throw ApiException.payloadTooLarge(maxBytes);
            }
            return read;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static ApiException unreadable(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new ApiException(408, "request_timeout", "the request body did not arrive in time");
            }
        }
        return ApiException.badRequest("the request body could not be read: the client stopped sending it");
    }
}
