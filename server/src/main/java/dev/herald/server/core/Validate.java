package dev.herald.server.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** Field rules shared by several resources, applied while reading a {@link JsonInput}. */
public final class Validate {
    private static final Pattern UID = Pattern.compile("[a-zA-Z0-9\\-_.]{1,256}");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]+");
    private static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9\\-_.:+]{1,128}");
    /** Svix's rule for message channels, on messages and endpoints alike. */
    public static final String CHANNEL_RULE = "1-128 characters of a-z, A-Z, 0-9, '-', '_', '.', ':' and '+'";
    private static final int METADATA_MAX_BYTES = 4096;

    private Validate() {
    }

    /** Svix's uid rule: 1-256 of [a-zA-Z0-9-_.], not starting with the resource's id prefix. */
    public static void uid(JsonInput in, String field, String idPrefix, String value) {
        if (value == null) {
            return;
        }
        if (!UID.matcher(value).matches()) {
            in.error(field, "uid must be 1-256 characters of a-z, A-Z, 0-9, '-', '_' and '.'");
        } else if (value.startsWith(idPrefix + "_")) {
            in.error(field, "uid may not start with '" + idPrefix + "_'");
        }
    }

    public static void metadata(JsonInput in, String field, Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        int size = Json.write(metadata).length;
        if (size > METADATA_MAX_BYTES) {
            in.error(field, "metadata may not exceed " + METADATA_MAX_BYTES + " bytes");
        }
    }

    /** Svix's rule for event type names, channels and feature flags: 1 to max characters of [a-zA-Z0-9-_.]. */
    public static boolean isName(String value, int max) {
        return value != null && value.length() <= max && NAME.matcher(value).matches();
    }

    /** Svix's rule for a channel (a message's or an endpoint's): {@link #CHANNEL_RULE}. */
    public static boolean isChannel(String value) {
        return value != null && CHANNEL.matcher(value).matches();
    }

    public static void length(JsonInput in, String field, String value, int min, int max) {
        if (value == null) {
            return;
        }
        int n = value.getBytes(StandardCharsets.UTF_8).length;
        if (n < min || n > max) {
            in.error(field, "must be between " + min + " and " + max + " characters");
        }
    }
}
