package dev.herald.server.eventtype;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Event types of one organisation, keyed by name; archived types keep their row until expunged. */
public interface EventTypeStore {

    Optional<EventType> find(String orgId, String name);

    /** One page ordered by name, the iterator being a name. */
    Page<EventType> list(String orgId, ListQuery query, boolean includeArchived);

    /** How many event types the organisation has, archived ones included. */
    int count(String orgId);

    /**
     * Creates the type, or revives an archived type of the same name with the new fields (keeping its creation
     * time), in one transaction. Empty when an active type of that name exists.
     */
    Optional<EventType> createOrRevive(String orgId, EventType type);

    /** Inserts a new type; throws {@link dev.herald.server.store.UniqueViolation} when the name is taken. */
    void insert(String orgId, EventType type);

    void update(String orgId, EventType type);

    void archive(String orgId, String name, Instant at);

    void expunge(String orgId, String name);

    /**
     * Writes every type in one transaction: a new name is inserted, an existing one (archived or not) takes the
     * new fields and keeps its creation time. With {@code archiveOthersAt}, every other active type of the
     * organisation is archived at that time.
     */
    void putAll(String orgId, List<EventType> types, Optional<Instant> archiveOthersAt);

    /** Every event type of the organisation, archived ones included, by name. */
    List<EventType> all(String orgId);

    /** Which of the names are active (not archived) event types of the organisation. */
    Set<String> activeNames(String orgId, Collection<String> names);
}
