package dev.herald.server.eventtype;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.herald.server.core.Validate;
import dev.herald.server.core.ValidationException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhooks of an OpenAPI document as event types: those under {@code webhooks} (OpenAPI 3.1) and under the
 * {@code x-webhooks} extension (3.0). A webhook's key is the type's name; its {@code post} operation (else its
 * first operation) gives the description ({@code description}, else {@code summary}), {@code deprecated}, and the
 * JSON request body's schema, stored as version {@code "1"} with local {@code $ref}s inlined and the body's
 * examples added to the schema's {@code examples} (where send-example finds them).
 */
final class OpenApiWebhooks {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * The most nodes inlining may produce for one document: references that refer to others several times each
     * would otherwise expand a small document without bound.
     */
    static final int MAX_INLINED_NODES = 200_000;

    private final JsonNode root;
    private final List<ValidationException.FieldError> errors = new ArrayList<>();
    private int inlined;

    private OpenApiWebhooks(JsonNode root) {
        this.root = root;
    }

    /** Parses {@code specRaw}: YAML, of which JSON is a subset. */
    static JsonNode parseRaw(String text) {
        try {
            JsonNode doc = YAML.readTree(text);
            if (doc == null || !doc.isObject()) {
                throw ValidationException.of("body", "specRaw", "must be an OpenAPI document (a YAML or JSON object)");
            }
            return doc;
        } catch (IOException e) {
            throw ValidationException.of("body", "specRaw", "is neither YAML nor JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The event types the document's webhooks describe, in document order; a 422 names every bad webhook. */
    static List<EventTypeFields> read(JsonNode spec) {
        OpenApiWebhooks reader = new OpenApiWebhooks(spec);
        List<EventTypeFields> types = new ArrayList<>();
        for (String section : List.of("webhooks", "x-webhooks")) {
            spec.path(section).properties().forEach(hook -> reader.eventType(section, hook).ifPresent(types::add));
        }
        if (!reader.errors.isEmpty()) {
            throw new ValidationException(reader.errors);
        }
        return types;
    }

    private Optional<EventTypeFields> eventType(String section, Map.Entry<String, JsonNode> hook) {
        String name = hook.getKey();
        JsonNode pathItem = inline(hook.getValue());
        JsonNode operation = pathItem.has("post") ? pathItem.get("post") : firstOperation(pathItem);
        if (!Validate.isName(name, EventTypeFields.NAME_MAX)) {
            return error(section, name, "the webhook's name must be 1-256 characters of a-z, A-Z, 0-9, '-', '_', '.'");
        }
        if (operation == null) {
            return error(section, name, "the webhook has no operation");
        }
        String description = operation.path("description").asText(operation.path("summary").asText(""));
        JsonNode schema = bodySchema(operation.path("requestBody"));
        ObjectNode schemas = null;
        if (schema != null) {
            schemas = NODES.objectNode();
            schemas.set("1", schema);
        }
        return Optional.of(new EventTypeFields(name, description, false,
                operation.path("deprecated").asBoolean(false), schemas, null, null));
    }

    private static JsonNode firstOperation(JsonNode pathItem) {
        for (String method : List.of("put", "get", "patch", "delete", "options", "head", "trace")) {
            if (pathItem.has(method)) {
                return pathItem.get(method);
            }
        }
        return null;
    }

    /**
     * The schema of the JSON (else the first) media type of an inlined body, with its examples added; null when it
     * has none.
     */
    private JsonNode bodySchema(JsonNode requestBody) {
        JsonNode content = requestBody.path("content");
        JsonNode media = content.has("application/json") ? content.get("application/json") : first(content);
        if (media == null || !(media.path("schema") instanceof ObjectNode schema)) {
            return null;
        }
        ArrayNode examples = schema.path("examples").isArray() ? (ArrayNode) schema.get("examples")
                : NODES.arrayNode();
        if (schema.has("example")) {
            examples.add(schema.get("example"));
        }
        if (media.has("example")) {
            examples.add(media.get("example"));
        }
        media.path("examples").forEach(example -> {
            if (example.has("value")) {
                examples.add(example.get("value"));
            }
        });
        if (!examples.isEmpty()) {
            schema.set("examples", examples);
        }
        return schema;
    }

    private static JsonNode first(JsonNode object) {
        Iterator<JsonNode> values = object.elements();
        return values.hasNext() ? values.next() : null;
    }

    private JsonNode inline(JsonNode node) {
        return inline(node, new ArrayDeque<>());
    }

    /**
     * A deep copy with every local {@code $ref} replaced by what it points at (its sibling keys kept on top). A
     * reference back into itself stays a {@code $ref}: a recursive schema cannot be inlined.
     */
    private JsonNode inline(JsonNode node, Deque<String> within) {
        if (++inlined > MAX_INLINED_NODES) {
            throw ValidationException.of("body", "spec", "its $refs expand to more than " + MAX_INLINED_NODES
                    + " nodes");
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(inline(item, within)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        JsonNode ref = node.get("$ref");
        ObjectNode copy = NODES.objectNode();
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#/") && !within.contains(ref.asText())) {
            JsonNode target = root.at(JsonPointer.compile(ref.asText().substring(1)));
            if (!target.isMissingNode()) {
                within.push(ref.asText());
                JsonNode resolved = inline(target, within);
                within.pop();
                if (!resolved.isObject()) {
                    return resolved;
                }
                copy.setAll((ObjectNode) resolved);
                node.properties().forEach(field -> {
                    if (!field.getKey().equals("$ref")) {
                        copy.set(field.getKey(), inline(field.getValue(), within));
                    }
                });
                return copy;
            }
        }
        node.properties().forEach(field -> copy.set(field.getKey(), inline(field.getValue(), within)));
        return copy;
    }

    private Optional<EventTypeFields> error(String section, String name, String msg) {
        errors.add(new ValidationException.FieldError(List.of("body", "spec", section, name), msg));
        return Optional.empty();
    }
}
