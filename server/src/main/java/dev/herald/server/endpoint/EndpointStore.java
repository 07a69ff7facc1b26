package dev.herald.server.endpoint;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Endpoints of applications and their signing secrets. Uids are unique within an application. Every endpoint has
 * exactly one current secret; rotated-out secrets stay until their expiry so deliveries keep signing with them.
 * Implementations keep secrets encrypted at rest.
 */
public interface EndpointStore {

    /**
     * Inserts the endpoint with its first secret; throws {@link dev.herald.server.store.UniqueViolation} when the
     * uid is taken.
     */
    void insert(Endpoint endpoint, EndpointSecret secret);

    /** The endpoint of this application with this id or uid (the id wins). */
    Optional<Endpoint> find(String appId, String idOrUid);

    /** By real id, whatever the application. */
    Optional<Endpoint> findById(String endpointId);

    Page<Endpoint> list(String appId, ListQuery query);

    /** How many endpoints the application has. */
    int count(String appId);

    /** All endpoints of one application, enabled and disabled, for fan-out; runs on the caller's transaction. */
    List<Endpoint> listForApp(Connection c, String appId) throws SQLException;

    /** Replaces the stored fields; throws UniqueViolation when the new uid is taken. */
    void update(Endpoint endpoint);

    void setDisabled(String endpointId, boolean disabled, Instant at);

    /** Deletes the endpoint and its secrets, freeing its uid. */
    boolean delete(String appId, String endpointId);

    EndpointSecret currentSecret(String endpointId);

    /** The current secret, then the rotated-out secrets that have not expired at {@code now}, newest first. */
    List<EndpointSecret> activeSecrets(String endpointId, Instant now);

    /**
     * Makes {@code next} the current secret; the one it replaces stays valid until {@code previousUntil}. Secrets
     * expired at {@code now} are dropped.
     */
    void rotateSecret(String endpointId, EndpointSecret next, Instant now, Instant previousUntil);
}
