package dev.herald.server.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Validate;
import dev.herald.server.core.ValidationException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The writable fields of an event type, validated from a request body (EventTypeIn / Upsert / Patch). Feature
 * flags come as Svix's {@code featureFlags} list, or its older single {@code featureFlag}, or both (then both count).
 */
record EventTypeFields(String name, String description, boolean archived, boolean deprecated, JsonNode schemas,
                       String groupName, List<String> featureFlags) {
    static final int NAME_MAX = 256;
    private static final String NAME_RULE = "must be 1-256 characters of a-z, A-Z, 0-9, '-', '_' and '.'";

    /** A POST body: the name comes from the body. */
    static EventTypeFields create(JsonInput in) {
        String name = in.requiredString("name");
        if (name != null && !Validate.isName(name, NAME_MAX)) {
            in.error("name", NAME_RULE);
        }
        EventTypeFields fields = read(in, name, null);
        in.check();
        return fields;
    }

    /** A PUT body: the name is the one in the path. */
    static EventTypeFields replace(JsonInput in, String name) {
        requireValidName(name);
        EventTypeFields fields = read(in, name, null);
        in.check();
        return fields;
    }

    /** A PATCH: absent fields keep the current value, explicit nulls clear the nullable ones. */
    static EventTypeFields patch(JsonInput in, EventType current) {
        EventTypeFields fields = read(in, current.name(), current);
        in.check();
        return fields;
    }

    /** Refuses (422) a name from a path that no event type could have. */
    static void requireValidName(String name) {
        if (!Validate.isName(name, NAME_MAX)) {
            throw ValidationException.of("path", "event_type_name", NAME_RULE);
        }
    }

    EventType toEventType(Instant createdAt, Instant updatedAt) {
        return new EventType(name, description, archived, deprecated, schemas, groupName, featureFlags, createdAt,
                updatedAt);
    }

    private static EventTypeFields read(JsonInput in, String name, EventType current) {
        String description = current == null
                ? in.requiredString("description") : in.string("description").orElse(current.description());
        boolean archived = in.bool("archived").orElse(current != null && current.archived());
        boolean deprecated = in.bool("deprecated").orElse(current != null && current.deprecated());
        JsonNode schemas = schemas(in).orElse(keep(in, "schemas", current == null ? null : current.schemas()));
        String group = in.string("groupName")
                .orElse(keep(in, "groupName", current == null ? null : current.groupName()));
        if (group != null && !Validate.isName(group, NAME_MAX)) {
            in.error("groupName", NAME_RULE);
        }
        return new EventTypeFields(name, description, archived, deprecated, schemas, group, featureFlags(in, current));
    }

    /**
     * The flags given ({@code featureFlags}, plus {@code featureFlag} if also given); when neither is, the current
     * ones, unless one of the two is an explicit null, which clears them.
     */
    private static List<String> featureFlags(JsonInput in, EventType current) {
        Optional<List<String>> list = in.stringList("featureFlags");
        Optional<String> single = in.string("featureFlag");
        if (list.isEmpty() && single.isEmpty()) {
            boolean cleared = in.isExplicitNull("featureFlags") || in.isExplicitNull("featureFlag");
            return current == null || cleared ? null : current.featureFlags();
        }
        Set<String> flags = new LinkedHashSet<>(list.orElse(List.of()));
        single.ifPresent(flags::add);
        if (list.isPresent() && list.get().isEmpty()) {
            in.error("featureFlags", "must hold at least one flag, or be null");
        }
        for (String flag : flags) {
            if (!Validate.isName(flag, NAME_MAX)) {
                in.error(list.isPresent() ? "featureFlags" : "featureFlag", "'" + flag + "': " + NAME_RULE);
            }
        }
        return List.copyOf(flags);
    }

    private static <T> T keep(JsonInput in, String field, T current) {
        return in.isExplicitNull(field) ? null : current;
    }

    private static Optional<JsonNode> schemas(JsonInput in) {
        Optional<JsonNode> schemas = in.node("schemas");
        if (schemas.isEmpty()) {
            return schemas;
        }
        boolean valid = schemas.get().isObject();
        for (Map.Entry<String, JsonNode> version : schemas.get().properties()) {
            valid &= version.getValue().isObject();
        }
        if (!valid) {
            in.error("schemas", "must be an object mapping each version to a JSON Schema object");
            return Optional.empty();
        }
        return schemas;
    }
}
