package dev.herald.server.eventtype;

import dev.herald.server.auth.Principal;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.core.ResourceLimits;
import dev.herald.server.core.Setting;
import dev.herald.server.store.UniqueViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Event type use cases. Any caller of the organisation may read event types; only the organisation's own tokens
 * may change them, since every application of the organisation shares them.
 */
public final class EventTypes {
    private final EventTypeStore store;
    private final Clock clock;
    private final int maxEventTypes;

    public EventTypes(EventTypeStore store, Clock clock, int maxEventTypes) {
        this.store = store;
        this.clock = clock;
        this.maxEventTypes = maxEventTypes;
    }

    /** Which of the names are active event types of the organisation (for endpoint subscriptions). */
    public Set<String> activeNames(String orgId, Collection<String> names) {
        return store.activeNames(orgId, Set.copyOf(names));
    }

    /** The organisation's event type of that name, archived or not (send-example reads its schema examples). */
    public Optional<EventType> find(String orgId, String name) {
        return store.find(orgId, name);
    }

    EventType require(Principal who, String name) {
        return store.find(who.orgId(), name).orElseThrow(() -> ApiException.notFound("event type"));
    }

    Page<EventType> list(Principal who, ListQuery query, boolean includeArchived) {
        return store.list(who.orgId(), query, includeArchived);
    }

    /** Creates the type; an archived type of that name comes back with the new fields, an active one is a 409. */
    EventType create(Principal who, EventTypeFields fields) {
        who.requireOrgAccess();
        if (store.find(who.orgId(), fields.name()).isEmpty()) {
            requireRoom(who);
        }
        Instant now = clock.instant();
        return store.createOrRevive(who.orgId(), fields.toEventType(now, now))
                .orElseThrow(() -> conflict(fields.name()));
    }

    /** PUT: creates the type when it is new (true), else replaces its fields. */
    Upserted upsert(Principal who, EventTypeFields fields) {
        who.requireOrgAccess();
        Instant now = clock.instant();
        Optional<EventType> existing = store.find(who.orgId(), fields.name());
        if (existing.isPresent()) {
            return new Upserted(update(who, existing.get(), fields), false);
        }
        requireRoom(who);
        EventType created = fields.toEventType(now, now);
        try {
            store.insert(who.orgId(), created);
        } catch (UniqueViolation e) {
            throw conflict(fields.name());
        }
        return new Upserted(created, true);
    }

    record Upserted(EventType eventType, boolean created) {
    }

    EventType update(Principal who, EventType current, EventTypeFields fields) {
        who.requireOrgAccess();
        EventType updated = fields.toEventType(current.createdAt(), clock.instant());
        store.update(who.orgId(), updated);
        return updated;
    }

    /** DELETE: archives the type, or removes it for good when {@code expunge} is set. */
    void delete(Principal who, EventType type, boolean expunge) {
        who.requireOrgAccess();
        if (expunge) {
            store.expunge(who.orgId(), type.name());
        } else {
            store.archive(who.orgId(), type.name(), clock.instant());
        }
    }

    /** Refuses (400 limit_reached) a new type once the organisation has HERALD_MAX_EVENT_TYPES of them. */
    private void requireRoom(Principal who) {
        if (store.count(who.orgId()) >= maxEventTypes) {
            throw ResourceLimits.full("the organisation", maxEventTypes, Setting.MAX_EVENT_TYPES);
        }
    }

    private static ApiException conflict(String name) {
        return ApiException.conflict("an event type named '" + name + "' already exists");
    }
}
