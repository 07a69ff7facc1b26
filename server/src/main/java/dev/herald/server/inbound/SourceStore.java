package dev.herald.server.inbound;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import java.util.Optional;

/**
 * Sources of one organisation; uids are unique within it, tokens everywhere. Implementations keep the token and
 * the config encrypted at rest and find a source by a hash of its token.
 */
interface SourceStore {

    /** Inserts the source; throws {@link dev.herald.server.store.UniqueViolation} when the uid is taken. */
    void insert(IngestSource source);

    /** The source of this organisation with this id or uid (the id wins). */
    Optional<IngestSource> find(String orgId, String idOrUid);

    /** The source whose ingest URL carries this token. */
    Optional<IngestSource> findByToken(String token);

    Page<IngestSource> list(String orgId, ListQuery query);

    /** Replaces the stored fields and token; throws UniqueViolation when the new uid is taken. */
    void update(IngestSource source);

    boolean delete(String orgId, String id);
}
