package dev.herald.server.inbound;

import dev.herald.server.auth.TokenHash;
import dev.herald.server.core.Json;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.endpoint.SecretCipher;
import dev.herald.server.store.Database;
import dev.herald.server.store.IdOrUid;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link SourceStore} in SQL shared by SQLite and PostgreSQL. The config (with its secrets) and the token are sealed
 * by the {@link SecretCipher}, each bound to its source, so a copied or altered value fails to open.
 */
final class JdbcSourceStore implements SourceStore {
    private static final String COLUMNS =
            "id, org_id, app_id, uid, name, type, config, token, metadata, created_at, updated_at";

    private final Database db;
    private final SecretCipher cipher;

    JdbcSourceStore(Database db, SecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Override
    public void insert(IngestSource s) {
        db.write(c -> Sql.update(c, "INSERT INTO ingest_source (" + COLUMNS + ", token_hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.orgId(), s.appId(), s.uid(), s.name(), s.type(), sealConfig(s), sealToken(s),
                Json.writeString(s.metadata()), s.createdAt(), s.updatedAt(), TokenHash.of(s.token())));
    }

    @Override
    public Optional<IngestSource> find(String orgId, String idOrUid) {
        String column = IdOrUid.column(idOrUid, "src", "uid");
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM ingest_source WHERE org_id = ? AND " + column
                + " = ?", this::map, orgId, idOrUid));
    }

    @Override
    public Optional<IngestSource> findByToken(String token) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM ingest_source WHERE token_hash = ?", this::map,
                TokenHash.of(token)));
    }

    @Override
    public Page<IngestSource> list(String orgId, ListQuery query) {
        return db.read(c -> Paging.page(c, "SELECT " + COLUMNS + " FROM ingest_source WHERE org_id = ?", "id", query,
                this::map, IngestSource::id, orgId));
    }

    @Override
    public void update(IngestSource s) {
        db.write(c -> Sql.update(c, "UPDATE ingest_source SET uid = ?, name = ?, type = ?, config = ?, token = ?, "
                        + "token_hash = ?, metadata = ?, updated_at = ? WHERE org_id = ? AND id = ?",
                s.uid(), s.name(), s.type(), sealConfig(s), sealToken(s), TokenHash.of(s.token()),
                Json.writeString(s.metadata()), s.updatedAt(), s.orgId(), s.id()));
    }

    @Override
    public boolean delete(String orgId, String id) {
        return db.write(c -> Sql.update(c, "DELETE FROM ingest_source WHERE org_id = ? AND id = ?", orgId, id)) == 1;
    }

    private String sealConfig(IngestSource s) {
        return cipher.encrypt(Json.writeString(s.config().stored()), s.id() + "/config");
    }

    private String sealToken(IngestSource s) {
        return cipher.encrypt(s.token(), s.id() + "/token");
    }

    private IngestSource map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        SourceConfig config = SourceConfigReader.restore(rs.getString("type"),
                cipher.decrypt(rs.getString("config"), id + "/config"));
        return new IngestSource(id, rs.getString("org_id"), rs.getString("app_id"), rs.getString("uid"),
                rs.getString("name"), config, cipher.decrypt(rs.getString("token"), id + "/token"),
                Json.readStringMap(rs.getString("metadata")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
