package dev.herald.server.app;

import dev.herald.server.auth.Principal;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.store.UniqueViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Application use cases, and the lookup every app-scoped route starts with ({@link #require}). */
public final class Applications {
    private final ApplicationStore store;
    private final Ids ids;
    private final Clock clock;

    public Applications(ApplicationStore store, Ids ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** The application named by id or uid, visible to this caller, or a 404. */
    public Application require(Principal who, String idOrUid) {
        Application app = store.find(who.orgId(), idOrUid).orElseThrow(() -> ApiException.notFound("application"));
        who.requireApp(app.id());
        return app;
    }

    public Optional<Application> find(Principal who, String idOrUid) {
        Optional<Application> app = store.find(who.orgId(), idOrUid);
        app.ifPresent(a -> who.requireApp(a.id()));
        return app;
    }

    public Application create(Principal who, ApplicationFields fields) {
        who.requireOrgAccess();
        Instant now = clock.instant();
        Application app = new Application(ids.next("app"), fields.uid(), fields.name(), fields.throttleRate(),
                fields.metadata(), now, now);
        try {
            store.insert(who.orgId(), app);
        } catch (UniqueViolation e) {
            throw ApiException.conflict("an application with uid '" + fields.uid() + "' already exists");
        }
        return app;
    }

    public Page<Application> list(Principal who, ListQuery query) {
        who.requireOrgAccess();
        return store.list(who.orgId(), query);
    }

    public Application update(Principal who, Application current, ApplicationFields fields) {
        who.requireOrgAccess();
        Application updated = new Application(current.id(), fields.uid(), fields.name(), fields.throttleRate(),
                fields.metadata(), current.createdAt(), clock.instant());
        try {
            store.update(who.orgId(), updated);
        } catch (UniqueViolation e) {
            throw ApiException.conflict("an application with uid '" + fields.uid() + "' already exists");
        }
        return updated;
    }

    public void delete(Principal who, Application app) {
        who.requireOrgAccess();
        store.delete(who.orgId(), app.id());
    }
}
