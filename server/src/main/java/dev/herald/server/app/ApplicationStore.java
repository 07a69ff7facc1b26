package dev.herald.server.app;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import java.util.Optional;

/** Applications of one organisation; uids are unique within the organisation. */
public interface ApplicationStore {

    /** Inserts the application; throws {@link dev.herald.server.store.UniqueViolation} when the uid is taken. */
    void insert(String orgId, Application app);

    Optional<Application> find(String orgId, String idOrUid);

    /** The organisation an application belongs to (for work that starts from an app id, such as delivery). */
    Optional<String> orgOf(String appId);

    Page<Application> list(String orgId, ListQuery query);

    /** Replaces the stored fields; throws UniqueViolation when the new uid is taken. */
    void update(String orgId, Application app);

    boolean delete(String orgId, String id);
}
