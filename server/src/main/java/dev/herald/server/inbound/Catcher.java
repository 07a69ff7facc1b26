package dev.herald.server.inbound;

import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.message.Message;
import dev.herald.server.message.Messages;
import dev.herald.webhooks.provider.Verification;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a request at an ingest URL: it is stored as it arrived (one commit), then verified as of its
 * arrival, then either marked failed, or turned into a message of the source's application in the same commit that
 * marks it forwarded. The caller answers only after that, so nothing acknowledged is lost and nothing refused is
 * ever forwarded.
 */
final class Catcher {
    private static final Logger log = LoggerFactory.getLogger(Catcher.class);
    /** What a forward is labelled when the provider sent no content type. */
    private static final String UNTYPED = "application/octet-stream";

    /** A request as it arrived, before it is stored. */
    record Arrival(String method, String path, String query, List<Map.Entry<String, String>> headers, byte[] body,
                   String remoteAddress) {
    }

    /** How a caught request ended. */
    sealed interface Outcome {
        CapturedRequest request();

        record Forwarded(CapturedRequest request) implements Outcome {
        }

        record Refused(CapturedRequest request, String reason) implements Outcome {
        }
    }

    private final CaptureStore captures;
    private final Sources sources;
    private final Messages messages;
    private final Ids ids;
    private final Clock clock;

    Catcher(CaptureStore captures, Sources sources, Messages messages, Ids ids, Clock clock) {
        this.captures = captures;
        this.sources = sources;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    Outcome receive(IngestSource source, Arrival arrival) {
        CapturedRequest request = new CapturedRequest(ids.next("inreq"), source.id(), arrival.method(),
                arrival.path(), arrival.query(), arrival.headers(), arrival.body(), arrival.body().length,
                arrival.remoteAddress(), clock.instant(), CaptureStatus.RECEIVED, null, null);
        captures.insert(request);
        return judge(source, request);
    }

    /**
     * Forwards a request again as a new message. One that failed verification is refused (409); one left unjudged
     * by a node that died is verified first, as of its arrival.
     */
    CapturedRequest replay(IngestSource source, CapturedRequest request) {
        return switch (request.status()) {
            case FAILED -> throw ApiException.conflict("this request failed verification ("
                    + request.failureReason() + "); Herald never forwards it");
            case RECEIVED -> judge(source, request).request();
            case FORWARDED -> forward(source, request);
        };
    }

    private Outcome judge(IngestSource source, CapturedRequest request) {
        Verification verdict = source.config().verifier()
                .map(verifier -> verifier.verify(request::header, request.body(), request.receivedAt()))
                .orElse(new Verification.Verified());
        return switch (verdict) {
            case Verification.Rejected rejected -> {
                captures.markFailed(request.id(), rejected.reason());
                log.info("inbound request refused source={} request={} reason={}", source.id(), request.id(),
                        rejected.reason());
                yield new Outcome.Refused(request.failed(rejected.reason()), rejected.reason());
            }
            case Verification.Verified verified -> new Outcome.Forwarded(forward(source, request));
        };
    }

    private CapturedRequest forward(IngestSource source, CapturedRequest request) {
        Message message = messages.acceptRaw(sources.app(source), InboundEventType.of(source, request),
                request.body(), request.header("Content-Type").orElse(UNTYPED),
                (c, msg) -> captures.markForwarded(c, request.id(), msg.id()));
        return request.forwarded(message.id());
    }
}
