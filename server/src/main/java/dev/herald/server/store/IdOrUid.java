package dev.herald.server.store;

/**
 * Svix addresses resources by id or by uid in the same path segment. A uid may never start with the resource's id
 * prefix (checked when it is set), so the prefix alone says which column to look in, and each lookup is a single
 * exact index probe rather than an {@code OR} over two columns.
 */
public final class IdOrUid {
    private IdOrUid() {
    }

    /** {@code "id"} when {@code key} carries the id prefix (e.g. {@code app_}), else {@code uidColumn}. */
    public static String column(String key, String idPrefix, String uidColumn) {
        return key.startsWith(idPrefix + "_") ? "id" : uidColumn;
    }
}
