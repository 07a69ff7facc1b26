package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.testing.StoreKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table copy behind {@code herald migrate-store}: values arrive as they were, leases do not. */
class StoreCopyTest {
    private static final byte[] PAYLOAD = {'{', '}', 0, (byte) 0xff, (byte) 0xc3};

    @TempDir
    Path dir;

    TestDatabase sqlite;
    TestDatabase postgres;

    @BeforeEach
    void open() {
        sqlite = TestDatabase.open(StoreKind.SQLITE, dir);
        postgres = TestDatabase.open(StoreKind.POSTGRESQL, dir);
        sqlite.database().write(c -> {
            Sql.update(c, "INSERT INTO application (id, org_id, uid, name, throttle_rate, metadata, created_at, "
                    + "updated_at) VALUES ('app_1', 'org', NULL, 'A', 7, '{}', 1700000000000, 1700000000001)");
            Sql.update(c, "INSERT INTO endpoint (id, app_id, url, description, disabled, metadata, headers, "
                    + "created_at, updated_at) VALUES ('ep_1', 'app_1', 'https://x', '', ?, '{}', '{}', 0, 0)", true);
            Sql.update(c, "INSERT INTO message (id, app_id, event_type, payload, created_at, payload_expires_at) "
                    + "VALUES ('msg_1', 'app_1', 'a', ?, 0, 0)", (Object) PAYLOAD);
            Sql.update(c, "INSERT INTO delivery_task (id, msg_id, app_id, endpoint_id, status, trigger_type, "
                    + "attempt_count, next_attempt_at, lease_owner, lease_until, created_at, updated_at) "
                    + "VALUES ('task_1', 'msg_1', 'app_1', 'ep_1', 0, 0, 2, 5, 'node_dead', 99, 0, 0)");
            return null;
        });
    }

    @AfterEach
    void close() {
        sqlite.close();
        postgres.close();
    }

    @Test
    void copiesValuesExactlyAndClearsLeases() {
        Map<String, Long> copied = new StoreCopy(sqlite.database(), postgres.database()).copyAll((t, n) -> { });

        assertThat(copied).containsEntry("application", 1L).containsEntry("delivery_task", 1L);
        Database target = postgres.database();
        List<Object> app = target.read(c -> Sql.one(c, "SELECT uid, throttle_rate, created_at FROM application",
                rs -> Arrays.<Object>asList(rs.getString(1), rs.getInt(2), rs.getLong(3))).orElseThrow());
        boolean disabled = target.read(c -> Sql.one(c, "SELECT disabled FROM endpoint", rs -> rs.getBoolean(1))
                .orElseThrow());
        byte[] payload = target.read(c -> Sql.one(c, "SELECT payload FROM message", rs -> rs.getBytes(1))
                .orElseThrow());
        List<Object> task = target.read(c -> Sql.one(c, "SELECT attempt_count, next_attempt_at, lease_owner, "
                + "lease_until FROM delivery_task", rs -> Arrays.<Object>asList(rs.getInt(1), rs.getLong(2),
                rs.getString(3), Sql.nullableLong(rs, "lease_until"))).orElseThrow());

        assertThat(app).containsExactly(null, 7, 1700000000000L);
        assertThat(disabled).isTrue();
        assertThat(payload).isEqualTo(PAYLOAD);
        assertThat(task).containsExactly(2, 5L, null, null);
    }

    @Test
    void reportsWhatTheTargetHoldsAndEmptiesItOnRequest() {
        StoreCopy copy = new StoreCopy(sqlite.database(), postgres.database());
        assertThat(copy.occupiedTables()).isEmpty();
        copy.copyAll((t, n) -> { });

        assertThat(copy.occupiedTables()).containsEntry("message", 1L).containsEntry("delivery_task", 1L);
        copy.emptyTarget();
        assertThat(copy.occupiedTables()).isEmpty();
    }

    @Test
    void refusesStoresAtDifferentSchemaVersions() {
        postgres.database().write(c -> Sql.update(c, "INSERT INTO schema_version (version, applied_at) "
                + "VALUES (998, 0)"));

        assertThatThrownBy(() -> new StoreCopy(sqlite.database(), postgres.database()).occupiedTables())
                .isInstanceOf(StoreException.class).hasMessageContaining("different schema versions");
    }
}
