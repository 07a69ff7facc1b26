package dev.herald.server.eventtype;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
        return store.find(who.orgId(), name).filter(type -> who.seesFeature(type.featureFlags()))
                .orElseThrow(() -> ApiException.notFound("event type"));
    }

    Page<EventType> list(Principal who, ListQuery query, boolean includeArchived) {
        return store.list(who.orgId(), query, includeArchived).filter(type -> who.seesFeature(type.featureFlags()));
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

    /** An event type as an OpenAPI import reads it (Svix EventTypeFromOpenApi). */
    record FromOpenApi(String name, String description, JsonNode schemas, boolean deprecated) {
    }

    /** What an OpenAPI import wrote ({@code modified}), or on a dry run would write ({@code to_modify}). */
    record Imported(List<String> modified, @JsonProperty("to_modify") List<FromOpenApi> toModify) {
    }

    /**
     * Creates or replaces the spec's event types (reviving archived ones; a type keeps its group and feature flags,
     * which OpenAPI cannot state); with {@code replaceAll}, archives every other type. A dry run writes nothing.
     */
    Imported importOpenApi(Principal who, List<EventTypeFields> types, boolean dryRun, boolean replaceAll) {
        who.requireOrgAccess();
        if (dryRun) {
            return new Imported(List.of(), types.stream()
                    .map(t -> new FromOpenApi(t.name(), t.description(), t.schemas(), t.deprecated())).toList());
        }
        Map<String, EventType> existing = existingByName(who);
        requireRoomFor(types, existing);
        Instant now = clock.instant();
        List<EventType> written = types.stream().map(t -> {
            Optional<EventType> prior = Optional.ofNullable(existing.get(t.name()));
            return new EventType(t.name(), t.description(), false, t.deprecated(), t.schemas(),
                    prior.map(EventType::groupName).orElse(null), prior.map(EventType::featureFlags).orElse(null),
                    now, now);
        }).toList();
        store.putAll(who.orgId(), written, replaceAll ? Optional.of(now) : Optional.empty());
        return new Imported(types.stream().map(EventTypeFields::name).toList(), null);
    }

    /** Creates or replaces each of the types in one transaction; other types stay as they are. */
    void putAll(Principal who, List<EventTypeFields> types) {
        who.requireOrgAccess();
        requireRoomFor(types, existingByName(who));
        Instant now = clock.instant();
        store.putAll(who.orgId(), types.stream().map(t -> t.toEventType(now, now)).toList(), Optional.empty());
    }

    /** Every event type of the organisation, archived ones included, by name. */
    List<EventType> all(Principal who) {
        who.requireOrgAccess();
        return store.all(who.orgId());
    }

    private Map<String, EventType> existingByName(Principal who) {
        return store.all(who.orgId()).stream().collect(Collectors.toMap(EventType::name, t -> t));
    }

    /** Refuses (400 limit_reached) writing types whose new names would take the organisation past the limit. */
    private void requireRoomFor(List<EventTypeFields> types, Map<String, EventType> existing) {
        long added = types.stream().map(EventTypeFields::name).distinct().filter(n -> !existing.containsKey(n))
                .count();
        if (added > 0 && existing.size() + added > maxEventTypes) {
            throw ResourceLimits.full("the organisation", maxEventTypes, Setting.MAX_EVENT_TYPES);
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
