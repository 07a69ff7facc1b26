package dev.herald.server.inbound;

import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Validate;
import java.util.Map;
import java.util.regex.Pattern;

/** The writable fields of a source, validated from a request body (Svix IngestSourceIn / IngestSourcePatch). */
record SourceFields(String name, String uid, Map<String, String> metadata, SourceConfig config) {
    private static final Pattern UID = Pattern.compile("[a-zA-Z0-9_-]{1,60}");

    /** A POST or PUT body: name, type and (for most types) config are required. */
    static SourceFields fromInput(JsonInput in) {
        String name = in.requiredString("name");
        String uid = in.string("uid").orElse(null);
        Map<String, String> metadata = in.stringMap("metadata").orElse(Map.of());
        SourceConfig config = SourceConfigReader.read(in);
        SourceFields fields = new SourceFields(name, uid, metadata, config);
        fields.check(in);
        return fields;
    }

    /** A PATCH: name, uid and metadata only; absent fields keep their value, an explicit null uid clears it. */
    static SourceFields patch(JsonInput in, IngestSource current) {
        String name = in.string("name").orElse(current.name());
        String uid = in.string("uid").orElse(in.isExplicitNull("uid") ? null : current.uid());
        Map<String, String> metadata = in.stringMap("metadata")
                .orElse(in.isExplicitNull("metadata") ? Map.of() : current.metadata());
        SourceFields fields = new SourceFields(name, uid, metadata, current.config());
        fields.check(in);
        return fields;
    }

    /** Svix's source uid rule: 1-60 of [a-zA-Z0-9_-], not starting with the id prefix. */
    static boolean isUid(String value) {
        return UID.matcher(value).matches() && !value.startsWith("src_");
    }

    SourceFields withUid(String newUid) {
        return new SourceFields(name, newUid, metadata, config);
    }

    private void check(JsonInput in) {
        Validate.length(in, "name", name, 2, 256);
        if (uid != null && !isUid(uid)) {
            in.error("uid", "uid must be 1-60 characters of a-z, A-Z, 0-9, '-' and '_', not starting with 'src_'");
        }
        Validate.metadata(in, "metadata", metadata);
        in.check();
    }
}
