package dev.herald.server.http;

import dev.herald.server.auth.AppScope;
import dev.herald.server.auth.Authenticator;
import dev.herald.server.auth.Principal;
import dev.herald.server.core.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Herald's single Jetty handler: reads the request line and headers, routes, authenticates, applies idempotency
 * keys, and writes the reply; the body is read only when the route asks for it ({@link RequestBody}). Runs on a
 * virtual thread per request, so routes are plain blocking code.
 */
final class ApiHandler extends Handler.Abstract {
    /** Methods counted under their own name; any other is counted as OTHER, so clients cannot mint label values. */
    private static final Set<String> COUNTED_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Router router;
    private final Authenticator authenticator;
    private final IdempotencyFilter idempotency;
    private final long maxBodyBytes;
    private final MeterRegistry meters;

    ApiHandler(Router router, Authenticator authenticator, IdempotencyFilter idempotency, long maxBodyBytes,
               MeterRegistry meters) {
        this.router = router;
        this.authenticator = authenticator;
        this.idempotency = idempotency;
        this.maxBodyBytes = maxBodyBytes;
        this.meters = meters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        Reply reply;
        String pattern = "unmatched";
        RequestBody body = new RequestBody(request, maxBodyBytes);
        try {
            Call call = read(request, body);
            Router.Lookup lookup = router.lookup(call.method(), call.path());
            if (lookup.match().isEmpty()) {
                reply = lookup.allowedMethods().isEmpty()
                        ? ErrorReplies.notFound(call.path())
                        : ErrorReplies.methodNotAllowed(call.method(), List.copyOf(lookup.allowedMethods()));
            } else {
                Router.Match match = lookup.match().get();
                pattern = match.route().pattern();
                reply = dispatch(call, match);
            }
        } catch (Throwable failure) {
            reply = ErrorReplies.from(failure, methodLabel(request.getMethod()), pattern);
        }
        Timer.builder("herald.http.requests")
                .tag("method", methodLabel(request.getMethod())).tag("route", pattern)
                .tag("status", Integer.toString(reply.status()))
                .register(meters).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (body.leftUnread()) {
            // The client may still be sending a body nobody read: it cannot be told apart from its next request
            // on this connection, so the connection ends with this answer.
            reply = reply.withHeader("Connection", "close");
        }
        write(reply, response, callback);
        return true;
    }

    /** Every label value comes from a fixed set: the method from a short list, the route from its template. */
    private static String methodLabel(String method) {
        return COUNTED_METHODS.contains(method) ? method : "OTHER";
    }

    private Reply dispatch(Call call, Router.Match match) throws Exception {
        Principal who = match.route().access() == Router.Access.PUBLIC
                ? new Principal.Anonymous()
                : authenticator.authenticate(call.header("Authorization"));
        if (who instanceof Principal.AppScoped scoped
                && !AppScope.permits(match.route().method(), match.route().pattern(), scoped.capabilities())) {
            throw ApiException.forbidden("this token's capabilities do not allow this call");
        }
        Call routed = call.withRoute(match.params(), who);
        if (who instanceof Principal.Anonymous) {
            return match.route().handler().handle(routed);
        }
        return idempotency.apply(routed, () -> {
            try {
                return match.route().handler().handle(routed);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Call read(Request request, RequestBody body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(field.getName(), field.getValue()));
        }
        String rawQuery = request.getHttpURI().getQuery();
        String rawPath = request.getHttpURI().getPath();
        return new Call(
                request.getMethod(),
                Request.getPathInContext(request),
                rawPath + (rawQuery == null ? "" : "?" + rawQuery),
                Map.of(),
                query(request),
                List.copyOf(headers),
                body::bytes,
                Request.getRemoteAddr(request),
                new Principal.Anonymous());
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("malformed query string");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            if (field.getName().indexOf('\u0000') >= 0
                    || field.getValues().stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                // nothing Herald looks up can contain NUL, and PostgreSQL cannot even compare text holding one
                throw ApiException.badRequest("query parameters must not contain the NUL character (%00)");
            }
            out.put(field.getName(), List.copyOf(field.getValues()));
        }
        return out;
    }

    private static void write(Reply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        if (reply.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
