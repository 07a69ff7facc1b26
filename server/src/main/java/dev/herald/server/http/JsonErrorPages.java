package dev.herald.server.http;

import dev.herald.server.core.Json;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to a request it refuses before any route sees it (an ambiguous or malformed URI, headers too
 * large), as Svix's error body instead of Jetty's HTML page, ending the connection. The detail names only the status: Jetty's own message
 * may quote the request, and an ingest URL's path is its secret.
 */
final class JsonErrorPages extends ErrorHandler {

    /** Every method gets the body (Jetty's own handler writes one only for GET, POST and HEAD). */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        response.setStatus(status);
        if (request.getMethod().equals("HEAD")) {
            callback.succeeded();
            return true;
        }
        String reason = HttpStatus.getMessage(status);
        byte[] body = Json.write(Map.of("code", reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"),
                "detail", "Herald could not take this request: " + reason));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // Jetty closes the connection after a request it could not make sense of; saying so keeps a client from
        // sending its next request on it. The other refusals are rare enough to close as well.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
