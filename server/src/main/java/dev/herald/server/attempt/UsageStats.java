package dev.herald.server.attempt;

import dev.herald.server.core.Json;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The usage figures Svix computes as background tasks: how many message destinations (a message to one
 * endpoint, i.e. one delivery task) each application had in a window, and which event types each application's
 * endpoints subscribe to. Both read one organisation's rows only.
 */
final class UsageStats {
    private final Database db;

    UsageStats(Database db) {
        this.db = db;
    }

    /** Svix's AppUsageStats per application, in id order; {@code appIds} empty means every application. */
    List<Map<String, Object>> messageDestinations(String orgId, List<String> appIds, Instant since, Instant until) {
        List<Object> args = new ArrayList<>(List.of(since, until, orgId));
        args.addAll(appIds);
        String only = appIds.isEmpty() ? "" : " AND a.id IN (" + Sql.placeholders(appIds.size()) + ")";
        return db.read(c -> Sql.list(c, "SELECT a.id, a.uid, (SELECT COUNT(*) FROM delivery_task t "
                + "WHERE t.app_id = a.id AND t.created_at >= ? AND t.created_at < ?) AS destinations "
                + "FROM application a WHERE a.org_id = ?" + only + " ORDER BY a.id", rs -> {
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("messageDestinations", rs.getLong("destinations"));
                    stats.put("appId", rs.getString("id"));
                    stats.put("appUid", rs.getString("uid"));
                    return stats;
                }, args.toArray()));
    }

    /**
     * Per application with endpoints: the event types its endpoints name in their filters, and whether one of
     * them has no filter and so receives every type (Svix's AggregateEventTypes result).
     */
    List<Map<String, Object>> subscribedEventTypes(String orgId) {
        record Row(String appId, List<String> eventTypes) {
        }
        List<Row> rows = db.read(c -> Sql.list(c, "SELECT e.app_id, e.event_types FROM endpoint e "
                        + "JOIN application a ON a.id = e.app_id WHERE a.org_id = ? ORDER BY e.app_id, e.id",
                rs -> new Row(rs.getString(1), Json.readStringList(rs.getString(2))), orgId));
        Map<String, Set<String>> types = new LinkedHashMap<>();
        Set<String> catchAll = new LinkedHashSet<>();
        for (Row row : rows) {
            Set<String> ofApp = types.computeIfAbsent(row.appId(), id -> new java.util.TreeSet<>());
            if (row.eventTypes() == null || row.eventTypes().isEmpty()) {
                catchAll.add(row.appId());
            } else {
                ofApp.addAll(row.eventTypes());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        types.forEach((appId, names) -> {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("appId", appId);
            app.put("explicitlySubscribedEventTypes", List.copyOf(names));
            app.put("hasCatchAllEndpoint", catchAll.contains(appId));
            out.add(app);
        });
        return out;
    }
}
