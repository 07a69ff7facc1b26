package dev.herald.server.inbound;

import dev.herald.server.core.ApiException;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest URLs, {@code /in/<token>[/any/sub/path][?query]}: any method, no Herald credentials (the token is the
 * secret). A request is answered only once it is judged and stored: 200 {@code {}} when it was forwarded or
 * repeats a delivery already forwarded (for Slack's, Zoom's and Meta's URL checks, their answer), 401 with the reason
 * when verification refused it.
 */
final class IngestUrlRoutes implements RouteGroup {
    static final String PREFIX = "/in/";
    private static final Logger log = LoggerFactory.getLogger(IngestUrlRoutes.class);

    private final Sources sources;
    private final Catcher catcher;

    IngestUrlRoutes(Sources sources, Catcher catcher) {
        this.sources = sources;
        this.catcher = catcher;
    }

    @Override
    public void register(Router router) {
        router.add("*", PREFIX + "{token}/{*}", Router.Access.PUBLIC, this::receive);
    }

    private Reply receive(Call call) {
        String token = call.param("token");
        IngestSource source = sources.byToken(token).orElseThrow(() -> ApiException.notFound("ingest URL"));
        Catcher.Outcome outcome;
        try {
            outcome = catcher.receive(source, arrival(call, token));
        } catch (ApiException expected) {
            throw expected;
        } catch (RuntimeException e) {
            // Logged here by source id: the generic error log names the path, which holds the secret token.
            log.error("inbound request failed source={}", source.id(), e);
            throw new ApiException(500, "internal_error", "Herald could not keep the request; send it again");
        }
        return switch (outcome) {
            case Catcher.Outcome.Refused refused ->
                    throw ApiException.unauthorized("the request failed verification: " + refused.reason());
            case Catcher.Outcome.Forwarded forwarded -> accepted(source, forwarded.request());
            case Catcher.Outcome.Duplicate duplicate -> accepted(source, duplicate.request());
        };
    }

    /** The answer to a verified request; a duplicate gets the same as the first, so the provider stops retrying. */
    private static Reply accepted(IngestSource source, CapturedRequest request) {
        return UrlVerification.answer(source, request).orElseGet(() -> Reply.ok(Map.of()));
    }

    /** The request as it came: the raw path after the token, the raw query, headers and body untouched. */
    private static Catcher.Arrival arrival(Call call, String token) {
        String raw = call.rawPathAndQuery();
        int question = raw.indexOf('?');
        String rawPath = question < 0 ? raw : raw.substring(0, question);
        String query = question < 0 ? null : raw.substring(question + 1);
        int at = rawPath.indexOf(token);
        String path = at < 0 ? "" : rawPath.substring(at + token.length());
        return new Catcher.Arrival(call.method(), path, query, call.headers(), call.body(), call.remoteAddress());
    }
}
