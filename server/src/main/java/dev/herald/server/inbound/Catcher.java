package dev.herald.server.inbound;

import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.message.Message;
import dev.herald.server.message.Messages;
import dev.herald.webhooks.provider.Verification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a request at an ingest URL: it is verified first, as of its arrival. A verified request is stored
 * as it arrived, turned into a message of the source's application and its provider delivery id claimed, all in
 * one commit; a repeat of a claimed id is not forwarded again. A refused or repeated request is kept only as its
 * metadata and the first {@value #REFUSED_BODY_BYTES} bytes of its body, and only up to
 * {@value #REFUSED_KEPT_PER_MINUTE} a minute per source, so that a leaked ingest URL cannot fill the disk. The
 * caller answers only after that, so nothing acknowledged is lost and nothing refused is ever forwarded.
 */
final class Catcher {
    private static final Logger log = LoggerFactory.getLogger(Catcher.class);
    /** What a forward is labelled when the provider sent no content type. */
    private static final String UNTYPED = "application/octet-stream";
    /** How much of a refused request's body is kept, enough to see what it was. */
    static final int REFUSED_BODY_BYTES = 1024;
    /** Refused requests kept per source in any minute; beyond it they are answered alike but not kept. */
    static final int REFUSED_KEPT_PER_MINUTE = 30;
    private static final Duration QUOTA_WINDOW = Duration.ofMinutes(1);

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

        /** Verified, but its delivery id was forwarded before: answered like the first, not forwarded again. */
        record Duplicate(CapturedRequest request) implements Outcome {
        }
    }

    /** Thrown inside the forwarding transaction to undo it when the delivery id turns out to be taken. */
    private static final class AlreadyForwarded extends RuntimeException {
        AlreadyForwarded() {
            super(null, null, false, false);
        }
    }

    private final CaptureStore captures;
    private final Sources sources;
    private final Messages messages;
    private final Ids ids;
    private final Clock clock;
    private final Counter refusedKept;
    private final Counter refusedDropped;
    private final Counter duplicatesKept;
    private final Counter duplicatesDropped;

    Catcher(CaptureStore captures, Sources sources, Messages messages, Ids ids, Clock clock, MeterRegistry meters) {
        this.captures = captures;
        this.sources = sources;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
        this.refusedKept = notForwarded(meters, "herald.inbound.refused", "failed verification", "true");
        this.refusedDropped = notForwarded(meters, "herald.inbound.refused", "failed verification", "false");
        this.duplicatesKept = notForwarded(meters, "herald.inbound.duplicates", "repeated a delivery id", "true");
        this.duplicatesDropped = notForwarded(meters, "herald.inbound.duplicates", "repeated a delivery id", "false");
    }

    private static Counter notForwarded(MeterRegistry meters, String name, String what, String kept) {
        return Counter.builder(name)
                .description("ingest URL requests that " + what + "; kept=false: over the per-source quota")
                .tag("kept", kept).register(meters);
    }

    Outcome receive(IngestSource source, Arrival arrival) {
        CapturedRequest request = new CapturedRequest(ids.next("inreq"), source.id(), arrival.method(),
                arrival.path(), arrival.query(), arrival.headers(), arrival.body(), arrival.body().length, false,
                arrival.remoteAddress(), clock.instant(), CaptureStatus.RECEIVED, null, null);
        return switch (verify(source, request)) {
            case Verification.Rejected rejected -> refuse(source, request, rejected.reason());
            case Verification.Verified verified -> forwardOnce(source, request);
        };
    }

    /**
     * Forwards a request again as a new message. One that failed verification is refused (409); one left unjudged
     * by a node that died is verified first, as of its arrival.
     */
    CapturedRequest replay(IngestSource source, CapturedRequest request) {
        return switch (request.status()) {
            case FAILED -> throw ApiException.conflict("this request failed verification ("
                    + request.failureReason() + "); Herald never forwards it");
            case DUPLICATE -> throw ApiException.conflict("this request repeats a delivery ("
                    + request.failureReason() + "); replay the request that was forwarded");
            case RECEIVED -> judge(source, request).request();
            case FORWARDED -> forward(source, request);
        };
    }

    private static Verification verify(IngestSource source, CapturedRequest request) {
        return UrlVerification.tokenCheck(source, request).orElseGet(() -> source.config().verifier()
                .map(verifier -> verifier.verify(request::header, request.body(), request.receivedAt()))
                .orElse(new Verification.Verified()));
    }

    /**
     * Stores the verified request whole and forwards it, in one commit that also claims its delivery id; when the
     * id was claimed before, nothing of that commit stays and the request is kept as a duplicate instead.
     */
    private Outcome forwardOnce(IngestSource source, CapturedRequest request) {
        Optional<String> deliveryId = DeliveryId.of(source, request);
        try {
            Message message = messages.acceptRaw(sources.app(source), InboundEventType.of(source, request),
                    request.body(), contentType(request), (c, msg) -> {
                        captures.insert(c, request.forwarded(msg.id()));
                        if (deliveryId.isPresent()
                                && !captures.claimDelivery(c, source.id(), deliveryId.get(), request.id())) {
                            throw new AlreadyForwarded();
                        }
                    });
            return new Outcome.Forwarded(request.forwarded(message.id()));
        } catch (AlreadyForwarded e) {
            CapturedRequest duplicate = request.duplicate("delivery id '" + deliveryId.orElseThrow()
                    + "' was already forwarded; not forwarded again").truncated(REFUSED_BODY_BYTES);
            keepWithinQuota(source, duplicate, duplicatesKept, duplicatesDropped);
            return new Outcome.Duplicate(duplicate);
        }
    }

    /** Keeps the refused request's metadata and the start of its body, within the source's quota. */
    private Outcome refuse(IngestSource source, CapturedRequest request, String reason) {
        CapturedRequest failed = request.failed(reason).truncated(REFUSED_BODY_BYTES);
        keepWithinQuota(source, failed, refusedKept, refusedDropped);
        return new Outcome.Refused(failed, reason);
    }

    /** Refused and duplicate requests share a source's quota, and are counted whether kept or not. */
    private void keepWithinQuota(IngestSource source, CapturedRequest request, Counter kept, Counter dropped) {
        String windowStart = Ids.lowestAt("inreq", request.receivedAt().minus(QUOTA_WINDOW));
        if (captures.insertWithinQuota(request, REFUSED_KEPT_PER_MINUTE, windowStart)) {
            kept.increment();
            log.info("inbound request not forwarded source={} request={} status={} reason={}", source.id(),
                    request.id(), request.status().wireName(), request.failureReason());
        } else {
            dropped.increment(); // not logged either: a flood would fill the log instead of the store
        }
    }

    /** Judges a request that was stored before it was verified (by a node that then stopped). */
    private Outcome judge(IngestSource source, CapturedRequest request) {
        return switch (verify(source, request)) {
            case Verification.Rejected rejected -> {
                captures.markFailed(request.id(), rejected.reason());
                log.info("inbound request refused source={} request={} reason={}", source.id(), request.id(),
                        rejected.reason());
                yield new Outcome.Refused(request.failed(rejected.reason()), rejected.reason());
            }
            case Verification.Verified verified -> new Outcome.Forwarded(forward(source, request));
        };
    }

    /** Forwards a request that is stored already (a replay, or one a stopped node left unforwarded). */
    private CapturedRequest forward(IngestSource source, CapturedRequest request) {
        Message message = messages.acceptRaw(sources.app(source), InboundEventType.of(source, request),
                request.body(), contentType(request),
                (c, msg) -> captures.markForwarded(c, request.id(), msg.id()));
        return request.forwarded(message.id());
    }

    private static String contentType(CapturedRequest request) {
        return request.header("Content-Type").orElse(UNTYPED);
    }
}
