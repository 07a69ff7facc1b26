package dev.herald.server.core;

import java.util.List;

/** A 422: the request was well-formed JSON but some fields are invalid. Svix's shape: a list of located errors. */
public final class ValidationException extends ApiException {
    /** One invalid field: {@code loc} is e.g. {@code ["body","url"]} or {@code ["query","limit"]}. */
    public record FieldError(List<String> loc, String msg, String type) {
        public FieldError(List<String> loc, String msg) {
            this(List.copyOf(loc), msg, "value_error");
        }
    }

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(422, "validation_error", errors.isEmpty() ? "invalid request" : errors.get(0).msg());
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String where, String field, String msg) {
        return new ValidationException(List.of(new FieldError(List.of(where, field), msg)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
