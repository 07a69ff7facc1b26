package dev.herald.server.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a JSON request body field by field into typed values, collecting every problem so that one 422 names them
 * all (Svix's {@code loc}/{@code msg} list). Absent and {@code null} fields are both "not given", except where
 * a PATCH needs to tell them apart ({@link #isExplicitNull}).
 */
public final class JsonInput {
    private final ObjectNode body;
    private final List<ValidationException.FieldError> errors = new ArrayList<>();

    private JsonInput(ObjectNode body) {
        this.body = body;
    }

    public static JsonInput parse(byte[] raw) {
        if (raw.length == 0) {
            throw ValidationException.of("body", "body", "a JSON object body is required");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("request body could not be read: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ValidationException.of("body", "body", "the body must be a JSON object");
        }
        return new JsonInput(object);
    }

    public static JsonInput of(ObjectNode node) {
        return new JsonInput(node);
    }

    public ObjectNode raw() {
        return body;
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public boolean isExplicitNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    /** The first of the given names that is present (for Svix's aliases such as eventTypes/filterTypes). */
    public String firstPresent(String... names) {
        for (String name : names) {
            if (body.has(name)) {
                return name;
            }
        }
        return names[0];
    }

    public void error(String field, String msg) {
        errors.add(new ValidationException.FieldError(List.of("body", field), msg));
    }

    public String requiredString(String field) {
        return string(field).orElseGet(() -> {
            if (!hasErrorFor(field)) {
                error(field, "field required");
            }
            return null;
        });
    }

    public Optional<String> string(String field) {
        Optional<String> text = value(field, JsonNode::isTextual, "a string", JsonNode::textValue);
        return text.filter(t -> storable(field, t));
    }

    public Optional<Boolean> bool(String field) {
        return value(field, JsonNode::isBoolean, "a boolean", JsonNode::booleanValue);
    }

    public Optional<Long> integer(String field, long min, long max) {
        Optional<Long> value = value(field, n -> n.isIntegralNumber() && n.canConvertToLong(), "an integer",
                JsonNode::longValue);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            error(field, "must be between " + min + " and " + max);
            return Optional.empty();
        }
        return value;
    }

    public Optional<JsonNode> node(String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    public Optional<List<String>> stringList(String field) {
        Optional<JsonNode> array = value(field, JsonNode::isArray, "a list of strings", n -> n);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array.get()) {
            if (!item.isTextual()) {
                error(field, "must be a list of strings");
                return Optional.empty();
            }
            if (!storable(field, item.textValue())) {
                return Optional.empty();
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    public Optional<Map<String, String>> stringMap(String field) {
        Optional<JsonNode> object = value(field, JsonNode::isObject, "an object of strings", n -> n);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.get().properties()) {
            if (!entry.getValue().isTextual()) {
                error(field, "values must be strings");
                return Optional.empty();
            }
            if (!storable(field, entry.getKey()) || !storable(field, entry.getValue().textValue())) {
                return Optional.empty();
            }
            out.put(entry.getKey(), entry.getValue().textValue());
        }
        return Optional.of(out);
    }

    /** Throws one 422 naming every invalid field found so far. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private boolean hasErrorFor(String field) {
        return errors.stream().anyMatch(e -> e.loc().get(e.loc().size() - 1).equals(field));
    }

    /** Text Herald stores may not hold NUL, which PostgreSQL's text cannot keep (the store would fail, not the input). */
    private boolean storable(String field, String text) {
        if (text.indexOf('\u0000') >= 0) {
            error(field, "must not contain the NUL character (\\u0000)");
            return false;
        }
        return true;
    }

    private <T> Optional<T> value(String field, java.util.function.Predicate<JsonNode> isType, String typeName,
                                  Function<JsonNode, T> read) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!isType.test(n)) {
            error(field, "must be " + typeName);
            return Optional.empty();
        }
        return Optional.of(read.apply(n));
    }

    public static String describe(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }
}
