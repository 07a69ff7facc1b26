package dev.herald.server.message;

import dev.herald.server.app.Application;
import dev.herald.server.app.Applications;
import dev.herald.server.auth.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application lookups remembered for message creation, the one request that comes in volume: looking the
 * application up again for every message was a read transaction per message. A remembered lookup may be stale;
 * the accepting transaction checks that the application still exists under that uid ({@link StaleApplication})
 * and the caller then looks it up afresh, so a message never goes to an application that is gone or renamed.
 */
final class KnownApplications {
    /** Lookups held at most; past that the table starts over rather than grow without bound. */
    private static final int MAX_LOOKUPS = 10_000;

    private record Key(String orgId, String idOrUid) {
    }

    private final Applications apps;
    private final Map<Key, Application> known = new ConcurrentHashMap<>();

    KnownApplications(Applications apps) {
        this.apps = apps;
    }

    /** The application, from memory when this caller's organisation looked it up before. */
    Optional<Application> find(Principal who, String idOrUid) {
        Key key = new Key(who.orgId(), idOrUid);
        Application app = known.get(key);
        if (app != null) {
            who.requireApp(app.id());
            return Optional.of(app);
        }
        Optional<Application> found = apps.find(who, idOrUid);
        found.ifPresent(a -> remember(key, a));
        return found;
    }

    /** Forgets the lookup, after the accepting transaction found it stale. */
    void forget(Principal who, String idOrUid) {
        known.remove(new Key(who.orgId(), idOrUid));
    }

    private void remember(Key key, Application app) {
        if (known.size() >= MAX_LOOKUPS) {
            known.clear();
        }
        known.put(key, app);
    }
}
