package dev.herald.server.inbound;

import dev.herald.server.app.Applications;
import dev.herald.server.core.Ids;
import dev.herald.server.endpoint.Endpoints;
import dev.herald.server.endpoint.SecretCipher;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.message.Messages;
import dev.herald.server.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Inbound webhooks, the one entry point of this package: sources managed with the Svix Ingest API, the ingest URLs
 * that catch, verify and forward requests, and the inspection API for what was caught. Forwarding reuses the
 * outbound path: a source's endpoints belong to an application of its own, and a verified request becomes a message.
 */
public final class Inbound implements RouteGroup {
    private final Sources sources;
    private final CaptureStore captures;
    private final Catcher catcher;
    private final Endpoints endpoints;

    /** {@code baseUrl} is asked each time an ingest URL is shown, since the port may be known only after start. */
    public Inbound(Database db, SecretCipher cipher, Applications apps, Endpoints endpoints, Messages messages,
                   Ids ids, Clock clock, MeterRegistry meters, Supplier<String> baseUrl) {
        this.sources = new Sources(new JdbcSourceStore(db, cipher), apps, ids, clock, baseUrl);
        this.captures = new JdbcCaptureStore(db);
        this.catcher = new Catcher(captures, sources, messages, ids, clock, meters);
        this.endpoints = endpoints;
    }

    @Override
    public void register(Router router) {
        new SourceRoutes(sources, endpoints).register(router);
        new CaptureRoutes(sources, captures, catcher).register(router);
        new IngestLogRoutes(sources, captures).register(router);
        new IngestUrlRoutes(sources, catcher).register(router);
    }
}
