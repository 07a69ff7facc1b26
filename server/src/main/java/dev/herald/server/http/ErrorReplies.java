package dev.herald.server.http;

import dev.herald.server.core.ApiException;
import dev.herald.server.core.ValidationException;
import dev.herald.server.store.UniqueViolation;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns a failure into Svix's error body; unexpected failures are logged, never shown. */
final class ErrorReplies {
    private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

    private ErrorReplies() {
    }

    /**
     * The reply for a failure. An unexpected one is logged with the method and the route template, never the
     * path: an ingest URL's path is its secret, and other paths carry customers' ids.
     */
    static Reply from(Throwable failure, String method, String route) {
        return switch (failure) {
            case ValidationException v -> Reply.json(422, Map.of("detail", v.errors()));
            case ApiException api -> Reply.json(api.status(), Map.of("code", api.code(), "detail", api.detail()));
            // A feature maps the duplicates it expects; this catches the race where another node (or request)
            // created the same key between a check and an insert.
            case UniqueViolation u -> Reply.json(409, Map.of("code", "conflict",
                    "detail", "another request created this resource at the same moment"));
            default -> {
                log.error("request failed method={} route={}", method, route, failure);
                yield Reply.json(500, Map.of("code", "internal_error",
                        "detail", "Herald could not complete the request; the server log has the cause"));
            }
        };
    }

    static Reply notFound(String path) {
        return Reply.json(404, Map.of("code", "not_found", "detail", "no route for " + path));
    }

    static Reply methodNotAllowed(String method, List<String> allowed) {
        return Reply.json(405, Map.of("code", "method_not_allowed",
                "detail", method + " is not allowed here; allowed: " + String.join(", ", allowed)))
                .withHeader("Allow", String.join(", ", allowed));
    }
}
