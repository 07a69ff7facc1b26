package dev.herald.server.inbound;

import dev.herald.server.app.Application;
import dev.herald.server.app.ApplicationFields;
import dev.herald.server.app.Applications;
import dev.herald.server.auth.Principal;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.store.UniqueViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Source use cases. Each source owns an application (uid {@code ingest-<source id>}) whose endpoints are the
 * source's ingest endpoints, so forwarding is ordinary message delivery. Deleting the source deletes that
 * application with its endpoints and messages; deleting the application deletes the source.
 */
final class Sources {
    private static final int TOKEN_LENGTH = 32;

    private final SourceStore store;
    private final Applications apps;
    private final Ids ids;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    Sources(SourceStore store, Applications apps, Ids ids, Clock clock, Supplier<String> baseUrl) {
        this.store = store;
        this.apps = apps;
        this.ids = ids;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The source named by id or uid, or a 404; sources belong to the organisation, not to one application. */
    IngestSource require(Principal who, String idOrUid) {
        return find(who, idOrUid).orElseThrow(() -> ApiException.notFound("source"));
    }

    Optional<IngestSource> find(Principal who, String idOrUid) {
        who.requireOrgAccess();
        return store.find(who.orgId(), idOrUid);
    }

    /** The source an ingest URL's token belongs to. */
    Optional<IngestSource> byToken(String token) {
        return store.findByToken(token);
    }

    /** The application whose endpoints receive this source's requests. */
    Application app(IngestSource source) {
        return apps.require(new Principal.Admin(source.orgId()), source.appId());
    }

    String ingestUrl(IngestSource source) {
        return baseUrl.get() + IngestUrlRoutes.PREFIX + source.token();
    }

    IngestSource create(Principal who, SourceFields fields) {
        who.requireOrgAccess();
        Instant now = clock.instant();
        String id = ids.next("src");
        Application app = apps.create(who, new ApplicationFields("Ingest source " + id, "ingest-" + id, null,
                Map.of()));
        IngestSource source = new IngestSource(id, who.orgId(), app.id(), fields.uid(), fields.name(),
                fields.config(), ids.randomToken(TOKEN_LENGTH), fields.metadata(), now, now);
        try {
            store.insert(source);
        } catch (RuntimeException e) {
            apps.delete(who, app); // the source never existed, so neither may its application
            throw e instanceof UniqueViolation ? uidTaken(fields.uid()) : e;
        }
        return source;
    }

    Page<IngestSource> list(Principal who, ListQuery query) {
        who.requireOrgAccess();
        return store.list(who.orgId(), query);
    }

    IngestSource update(IngestSource current, SourceFields fields) {
        IngestSource updated = current.withFields(fields, clock.instant());
        try {
            store.update(updated);
        } catch (UniqueViolation e) {
            throw uidTaken(fields.uid());
        }
        return updated;
    }

    /** Gives the source a new ingest URL; the old one stops working at once. */
    IngestSource rotateToken(IngestSource current) {
        IngestSource rotated = current.withToken(ids.randomToken(TOKEN_LENGTH), clock.instant());
        store.update(rotated);
        return rotated;
    }

    void delete(Principal who, IngestSource source) {
        store.delete(who.orgId(), source.id());
        apps.find(who, source.appId()).ifPresent(app -> apps.delete(who, app));
    }

    private static ApiException uidTaken(String uid) {
        return ApiException.conflict("a source with uid '" + uid + "' already exists");
    }
}
