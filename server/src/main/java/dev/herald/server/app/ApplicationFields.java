package dev.herald.server.app;

import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Validate;
import java.util.Map;

/** The writable fields of an application, validated from a request body (ApplicationIn / ApplicationPatch). */
public record ApplicationFields(String name, String uid, Integer throttleRate, Map<String, String> metadata) {

    public static ApplicationFields fromInput(JsonInput in) {
        ApplicationFields fields = read(in, null);
        in.check();
        return fields;
    }

    /** A PATCH: absent fields keep the current value, explicit nulls clear it. */
    public static ApplicationFields patch(JsonInput in, Application current) {
        ApplicationFields fields = read(in, current);
        in.check();
        return fields;
    }

    private static ApplicationFields read(JsonInput in, Application current) {
        String rateField = in.firstPresent("throttleRate", "rateLimit");
        String name = current == null ? in.requiredString("name") : in.string("name").orElse(current.name());
        Validate.length(in, "name", name, 1, 256);
        String uid = in.string("uid").orElse(current == null || in.isExplicitNull("uid") ? null : current.uid());
        Validate.uid(in, "uid", "app", uid);
        Integer rate = in.integer(rateField, current == null ? 1 : 0, 65535).map(Long::intValue)
                .orElse(current == null || in.isExplicitNull(rateField) ? null : current.throttleRate());
        Map<String, String> metadata = in.stringMap("metadata")
                .orElse(current == null || in.isExplicitNull("metadata") ? Map.of() : current.metadata());
        Validate.metadata(in, "metadata", metadata);
        return new ApplicationFields(name, uid, rate, metadata);
    }
}
