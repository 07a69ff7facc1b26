package dev.herald.server.endpoint;

import dev.herald.server.core.Json;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.store.Database;
import dev.herald.server.store.IdOrUid;
import dev.herald.server.store.Paging;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link EndpointStore} in SQL that SQLite and PostgreSQL both accept. Secrets and custom headers (which carry
 * credentials such as {@code Authorization}) pass through {@link SecretCipher}, each bound to its endpoint.
 */
public final class JdbcEndpointStore implements EndpointStore {
    private static final String COLUMNS = "id, app_id, uid, url, description, throttle_rate, disabled, event_types, "
            + "channels, metadata, headers, created_at, updated_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM endpoint";
    /** What a sealed headers value is bound to, after the endpoint id. */
    static final String HEADERS = "/headers";
    private static final int SEAL_BATCH = 500;

    private final Database db;
    private final SecretCipher cipher;

    public JdbcEndpointStore(Database db, SecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Override
    public void insert(Endpoint ep, EndpointSecret secret) {
        db.write(c -> {
            Sql.update(c, "INSERT INTO endpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ep.id(), ep.appId(), ep.uid(), ep.url(), ep.description(), ep.throttleRate(), ep.disabled(),
                    listText(ep.eventTypes()), listText(ep.channels()), Json.writeString(ep.metadata()),
                    sealHeaders(ep.id(), ep.headers()), ep.createdAt(), ep.updatedAt());
            return insertSecret(c, ep.id(), secret, ep.createdAt());
        });
    }

    @Override
    public Optional<Endpoint> find(String appId, String idOrUid) {
        String column = IdOrUid.column(idOrUid, "ep", "uid");
        return db.read(c -> Sql.one(c, SELECT + " WHERE app_id = ? AND " + column + " = ?", this::map,
                appId, idOrUid));
    }

    @Override
    public Optional<Endpoint> findById(String endpointId) {
        return db.read(c -> Sql.one(c, SELECT + " WHERE id = ?", this::map, endpointId));
    }

    @Override
    public Page<Endpoint> list(String appId, ListQuery query) {
        return db.read(c -> Paging.page(c, SELECT + " WHERE app_id = ?", "id", query, this::map,
                Endpoint::id, appId));
    }

    @Override
    public int count(String appId) {
        return db.read(c -> (int) Sql.count(c, "SELECT COUNT(*) FROM endpoint WHERE app_id = ?", appId));
    }

    @Override
    public List<Endpoint> listForApp(Connection c, String appId) throws SQLException {
        return Sql.list(c, SELECT + " WHERE app_id = ? ORDER BY id", this::map, appId);
    }

    @Override
    public void update(Endpoint ep) {
        db.write(c -> Sql.update(c, "UPDATE endpoint SET uid = ?, url = ?, description = ?, throttle_rate = ?, "
                        + "failing_since = CASE WHEN disabled AND NOT ? THEN NULL ELSE failing_since END, "
                        + "disabled = ?, event_types = ?, channels = ?, metadata = ?, headers = ?, updated_at = ? "
                        + "WHERE id = ?",
                ep.uid(), ep.url(), ep.description(), ep.throttleRate(), ep.disabled(), ep.disabled(),
                listText(ep.eventTypes()),
                listText(ep.channels()), Json.writeString(ep.metadata()), sealHeaders(ep.id(), ep.headers()),
                ep.updatedAt(), ep.id()));
    }

    @Override
    public void setDisabled(String endpointId, boolean disabled, Instant at) {
        // Re-enabling starts a fresh failure streak, so the endpoint is not disabled again by old failures.
        db.write(c -> Sql.update(c, "UPDATE endpoint SET disabled = ?, updated_at = ?, "
                + "failing_since = CASE WHEN ? THEN failing_since ELSE NULL END WHERE id = ?",
                disabled, at, disabled, endpointId));
    }

    /**
     * Deletes the endpoint with its secrets and delivery tasks. The tasks go first and explicitly: a delivery
     * recording its attempt locks its task and then the endpoint, and on PostgreSQL the cascade would have taken
     * the endpoint first and deadlocked with it.
     */
    @Override
    public boolean delete(String appId, String endpointId) {
        return db.write(c -> {
            Sql.update(c, "DELETE FROM delivery_task WHERE app_id = ? AND endpoint_id = ?", appId, endpointId);
            Sql.update(c, "DELETE FROM endpoint_secret WHERE endpoint_id = ?", endpointId);
            return Sql.update(c, "DELETE FROM endpoint WHERE app_id = ? AND id = ?", appId, endpointId);
        }) == 1;
    }

    @Override
    public EndpointSecret currentSecret(String endpointId) {
        return secrets("expires_at IS NULL", endpointId).getFirst();
    }

    @Override
    public List<EndpointSecret> activeSecrets(String endpointId, Instant now) {
        return secrets("(expires_at IS NULL OR expires_at > ?)", endpointId, now);
    }

    @Override
    public void rotateSecret(String endpointId, EndpointSecret next, Instant now, Instant previousUntil) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM endpoint_secret WHERE endpoint_id = ? AND expires_at <= ?", endpointId, now);
            Sql.update(c, "UPDATE endpoint_secret SET expires_at = ? WHERE endpoint_id = ? AND expires_at IS NULL",
                    previousUntil, endpointId);
            return insertSecret(c, endpointId, next, now);
        });
    }

    /** Secrets of one endpoint matching the condition, the current one first, then newest first. */
    private List<EndpointSecret> secrets(String condition, String endpointId, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = endpointId;
        System.arraycopy(args, 0, all, 1, args.length);
        List<EndpointSecret> secrets = db.read(c -> Sql.list(c, "SELECT id, secret FROM endpoint_secret "
                        + "WHERE endpoint_id = ? AND " + condition
                        + " ORDER BY CASE WHEN expires_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC",
                rs -> EndpointSecret.parse(cipher.decrypt(rs.getString("secret"), rs.getString("id"))), all));
        if (secrets.isEmpty()) {
            throw new IllegalStateException("endpoint " + endpointId + " has no current secret");
        }
        return secrets;
    }

    private int insertSecret(Connection c, String endpointId, EndpointSecret secret, Instant at) throws SQLException {
        String id = UUID.randomUUID().toString();
        return Sql.update(c, "INSERT INTO endpoint_secret (id, endpoint_id, secret, created_at) VALUES (?, ?, ?, ?)",
                id, endpointId, cipher.encrypt(secret.encoded(), id), at);
    }

    private static String listText(List<String> list) {
        return list == null ? null : Json.writeString(list);
    }

    /**
     * Encrypts custom headers that an older Herald stored in plain text (JSON), in batches; returns how many rows
     * it sealed. Run at every start; reading accepts both forms, so rows written meanwhile by an older node in a
     * rolling upgrade still read, and are sealed at the next start.
     */
    public int sealPlaintextHeaders() {
        int sealed = 0;
        while (true) {
            List<String[]> batch = db.read(c -> Sql.list(c, "SELECT id, headers FROM endpoint WHERE headers NOT LIKE '"
                    + SecretCipher.PREFIX + "%' LIMIT " + SEAL_BATCH, rs -> new String[] {rs.getString(1),
                    rs.getString(2)}));
            for (String[] row : batch) {
                String id = row[0];
                String plaintext = row[1];
                sealed += db.write(c -> Sql.update(c, "UPDATE endpoint SET headers = ? WHERE id = ? AND headers = ?",
                        cipher.encrypt(plaintext, id + HEADERS), id, plaintext));
            }
            if (batch.size() < SEAL_BATCH) {
                return sealed;
            }
        }
    }

    private String sealHeaders(String endpointId, Map<String, String> headers) {
        return cipher.encrypt(Json.writeString(headers), endpointId + HEADERS);
    }

    private Map<String, String> openHeaders(String endpointId, String stored) {
        return Json.readStringMap(SecretCipher.isSealed(stored)
                ? cipher.decrypt(stored, endpointId + HEADERS) : stored);
    }

    private Endpoint map(ResultSet rs) throws SQLException {
        Long rate = Sql.nullableLong(rs, "throttle_rate");
        return new Endpoint(
                rs.getString("id"),
                rs.getString("app_id"),
                rs.getString("uid"),
                rs.getString("url"),
                rs.getString("description"),
                rate == null ? null : rate.intValue(),
                rs.getBoolean("disabled"),
                Json.readStringList(rs.getString("event_types")),
                Json.readStringList(rs.getString("channels")),
                Json.readStringMap(rs.getString("metadata")),
                openHeaders(rs.getString("id"), rs.getString("headers")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
