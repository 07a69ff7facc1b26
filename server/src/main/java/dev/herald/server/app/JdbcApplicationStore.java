package dev.herald.server.app;

import dev.herald.server.core.Json;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.store.Database;
import dev.herald.server.store.IdOrUid;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link ApplicationStore} in SQL that SQLite and PostgreSQL both accept. */
public final class JdbcApplicationStore implements ApplicationStore {
    private static final String COLUMNS = "id, uid, name, throttle_rate, metadata, created_at, updated_at";

    private final Database db;

    public JdbcApplicationStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(String orgId, Application app) {
        db.write(c -> Sql.update(c, "INSERT INTO application (org_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                orgId, app.id(), app.uid(), app.name(), app.throttleRate(), Json.writeString(app.metadata()),
                app.createdAt(), app.updatedAt()));
    }

    @Override
    public Optional<Application> find(String orgId, String idOrUid) {
        String column = IdOrUid.column(idOrUid, "app", "uid");
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM application WHERE org_id = ? AND " + column + " = ?",
                JdbcApplicationStore::map, orgId, idOrUid));
    }

    @Override
    public Optional<String> orgOf(String appId) {
        return db.read(c -> Sql.one(c, "SELECT org_id FROM application WHERE id = ?", rs -> rs.getString(1), appId));
    }

    @Override
    public Page<Application> list(String orgId, ListQuery query) {
        return db.read(c -> Paging.page(c, "SELECT " + COLUMNS + " FROM application WHERE org_id = ?", "id", query,
                JdbcApplicationStore::map, Application::id, orgId));
    }

    @Override
    public void update(String orgId, Application app) {
        db.write(c -> Sql.update(c, "UPDATE application SET uid = ?, name = ?, throttle_rate = ?, metadata = ?, "
                        + "updated_at = ? WHERE org_id = ? AND id = ?",
                app.uid(), app.name(), app.throttleRate(), Json.writeString(app.metadata()), app.updatedAt(),
                orgId, app.id()));
    }

    /**
     * Deletes the application and, through the foreign keys, everything under it, taking its locks in a fixed
     * order: the application row first (new messages wait), then its messages with their tasks and attempts (an
     * attempt being recorded finishes first), then its endpoints. Left to the cascade, PostgreSQL deleted the
     * endpoints before the messages and deadlocked with a delivery recording its attempt.
     */
    @Override
    public boolean delete(String orgId, String id) {
        return db.write(c -> {
            if (Sql.one(c, "SELECT id FROM application WHERE org_id = ? AND id = ?" + db.dialect().forUpdate(),
                    rs -> rs.getString(1), orgId, id).isEmpty()) {
                return false;
            }
            Sql.update(c, "DELETE FROM message WHERE app_id = ?", id);
            Sql.update(c, "DELETE FROM application WHERE id = ?", id);
            Sql.update(c, "DELETE FROM routing_version WHERE app_id = ?", id);
            return true;
        });
    }

    private static Application map(ResultSet rs) throws SQLException {
        Long rate = Sql.nullableLong(rs, "throttle_rate");
        return new Application(
                rs.getString("id"),
                rs.getString("uid"),
                rs.getString("name"),
                rate == null ? null : rate.intValue(),
                Json.readStringMap(rs.getString("metadata")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
