package dev.herald.server.eventtype;

import dev.herald.server.core.Json;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.store.Database;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link EventTypeStore} in SQL that SQLite and PostgreSQL both accept. */
public final class JdbcEventTypeStore implements EventTypeStore {
    private static final String COLUMNS =
            "name, description, archived, deprecated, schemas, group_name, feature_flags, created_at, updated_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM event_type WHERE org_id = ?";
    /** Well below the bind-parameter limits of SQLite (32,766) and PostgreSQL (65,535). */
    private static final int NAMES_PER_QUERY = 500;

    private final Database db;

    public JdbcEventTypeStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<EventType> find(String orgId, String name) {
        return db.read(c -> find(c, orgId, name));
    }

    @Override
    public Page<EventType> list(String orgId, ListQuery query, boolean includeArchived) {
        String select = includeArchived ? SELECT : SELECT + " AND archived = ?";
        Object[] args = includeArchived ? new Object[] {orgId} : new Object[] {orgId, false};
        return db.read(c -> Paging.page(c, select, "name", query, JdbcEventTypeStore::map, EventType::name, args));
    }

    @Override
    public int count(String orgId) {
        return db.read(c -> (int) Sql.count(c, "SELECT COUNT(*) FROM event_type WHERE org_id = ?", orgId));
    }

    @Override
    public Optional<EventType> createOrRevive(String orgId, EventType type) {
        return db.write(c -> {
            Optional<EventType> existing = find(c, orgId, type.name());
            if (existing.isEmpty()) {
                insert(c, orgId, type);
                return Optional.of(type);
            }
            if (!existing.get().archived()) {
                return Optional.empty();
            }
            EventType revived = type.createdAt(existing.get().createdAt());
            update(c, orgId, revived);
            return Optional.of(revived);
        });
    }

    @Override
    public void insert(String orgId, EventType type) {
        db.write(c -> insert(c, orgId, type));
    }

    @Override
    public void update(String orgId, EventType type) {
        db.write(c -> update(c, orgId, type));
    }

    @Override
    public void archive(String orgId, String name, Instant at) {
        db.write(c -> Sql.update(c, "UPDATE event_type SET archived = ?, updated_at = ? WHERE org_id = ? AND name = ?",
                true, at, orgId, name));
    }

    @Override
    public void expunge(String orgId, String name) {
        db.write(c -> Sql.update(c, "DELETE FROM event_type WHERE org_id = ? AND name = ?", orgId, name));
    }

    @Override
    public void putAll(String orgId, List<EventType> types, Optional<Instant> archiveOthersAt) {
        db.write(c -> {
            Set<String> written = new HashSet<>();
            for (EventType type : types) {
                Optional<EventType> existing = find(c, orgId, type.name());
                if (existing.isPresent()) {
                    update(c, orgId, new EventType(type.name(), type.description(), type.archived(),
                            type.deprecated(), type.schemas(), type.groupName(), type.featureFlags(),
                            existing.get().createdAt(), type.updatedAt()));
                } else {
                    insert(c, orgId, type);
                }
                written.add(type.name());
            }
            if (archiveOthersAt.isPresent()) {
                List<String> active = Sql.list(c, "SELECT name FROM event_type WHERE org_id = ? AND archived = ?",
                        rs -> rs.getString(1), orgId, false);
                for (String name : active) {
                    if (!written.contains(name)) {
                        Sql.update(c, "UPDATE event_type SET archived = ?, updated_at = ? WHERE org_id = ? "
                                + "AND name = ?", true, archiveOthersAt.get(), orgId, name);
                    }
                }
            }
            return written.size();
        });
    }

    @Override
    public List<EventType> all(String orgId) {
        return db.read(c -> Sql.list(c, SELECT + " ORDER BY name", JdbcEventTypeStore::map, orgId));
    }

    @Override
    public Set<String> activeNames(String orgId, Collection<String> names) {
        List<String> all = List.copyOf(names);
        return db.read(c -> {
            Set<String> active = new HashSet<>();
            for (int from = 0; from < all.size(); from += NAMES_PER_QUERY) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + NAMES_PER_QUERY));
                List<Object> args = new ArrayList<>(List.of(orgId, false));
                args.addAll(chunk);
                active.addAll(Sql.list(c, "SELECT name FROM event_type WHERE org_id = ? AND archived = ? AND name IN ("
                        + Sql.placeholders(chunk.size()) + ")", rs -> rs.getString(1), args.toArray()));
            }
            return active;
        });
    }

    private static Optional<EventType> find(Connection c, String orgId, String name) throws SQLException {
        return Sql.one(c, SELECT + " AND name = ?", JdbcEventTypeStore::map, orgId, name);
    }

    private static int insert(Connection c, String orgId, EventType type) throws SQLException {
        return Sql.update(c, "INSERT INTO event_type (org_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                orgId, type.name(), type.description(), type.archived(), type.deprecated(), schemasText(type),
                type.groupName(), flagsText(type), type.createdAt(), type.updatedAt());
    }

    private static int update(Connection c, String orgId, EventType type) throws SQLException {
        return Sql.update(c, "UPDATE event_type SET description = ?, archived = ?, deprecated = ?, schemas = ?, "
                        + "group_name = ?, feature_flags = ?, created_at = ?, updated_at = ? "
                        + "WHERE org_id = ? AND name = ?",
                type.description(), type.archived(), type.deprecated(), schemasText(type), type.groupName(),
                flagsText(type), type.createdAt(), type.updatedAt(), orgId, type.name());
    }

    private static String schemasText(EventType type) {
        return type.schemas() == null ? null : Json.writeString(type.schemas());
    }

    private static String flagsText(EventType type) {
        return type.featureFlags() == null ? null : Json.writeString(type.featureFlags());
    }

    private static EventType map(ResultSet rs) throws SQLException {
        String schemas = rs.getString("schemas");
        return new EventType(
                rs.getString("name"),
                rs.getString("description"),
                rs.getBoolean("archived"),
                rs.getBoolean("deprecated"),
                schemas == null ? null : Json.readTrusted(schemas),
                rs.getString("group_name"),
                Json.readStringList(rs.getString("feature_flags")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
