package dev.herald.server.inbound;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The requests caught at sources' ingest URLs and what became of each. */
interface CaptureStore {

    /** Stores a request as it arrived (committed when this returns). */
    void insert(CapturedRequest request);

    /** Stores a request inside a caller's transaction. */
    void insert(Connection c, CapturedRequest request) throws SQLException;

    /**
     * Records that this request carries this delivery id of the source, inside the transaction that forwards it;
     * false when another request already did (a unique key, so it holds across nodes and races). The record goes
     * when the request is deleted (retention).
     */
    boolean claimDelivery(Connection c, String sourceId, String deliveryId, String requestId) throws SQLException;

    /**
     * Stores a refused or duplicate request unless this source already keeps {@code limit} such requests with ids from
     * {@code sinceId} on (ids sort by time); returns whether it was stored. Counting and storing share one
     * transaction: exact on the embedded store; on PostgreSQL, requests refused at the same instant on several
     * connections may each still see room, so the limit can be passed by as many.
     */
    boolean insertWithinQuota(CapturedRequest request, int limit, String sinceId);

    /** One request of this source, with its body. */
    Optional<CapturedRequest> find(String sourceId, String id);

    /** Requests of this source, newest first, without bodies; optionally only those in one status. */
    Page<CapturedRequest> list(String sourceId, Optional<CaptureStatus> status, ListQuery query);

    /** Requests of this source that failed verification, with the start of the body each kept, in query order. */
    Page<CapturedRequest> refused(String sourceId, ListQuery query);

    void markFailed(String id, String reason);

    /** Records the message a request became, inside that message's transaction. */
    void markForwarded(Connection c, String id, String msgId) throws SQLException;
}
