package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.StoreKind;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ids mix upper and lower case, and lists page through them in byte order as SQLite compares them. A PostgreSQL
 * database created with a natural-language locale (the default of many installations) must page the same way.
 */
class PostgresCollationTest {
    private static final List<String> BYTE_ORDER = List.of("x_9", "x_B", "x_Z", "x_a", "x_b");

    static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.onPostgres(StoreKind.createPostgresDatabase(
                "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"));
        db.database().write(c -> {
            Sql.update(c, "INSERT INTO application (id, org_id, name, metadata, created_at, updated_at) "
                    + "VALUES ('app', 'org', 'n', '{}', 0, 0)");
            Sql.update(c, "INSERT INTO endpoint (id, app_id, url, description, disabled, metadata, headers, "
                    + "created_at, updated_at) VALUES ('ep', 'app', 'u', '', false, '{}', '{}', 0, 0)");
            Sql.update(c, "INSERT INTO message (id, app_id, event_type, created_at, payload_expires_at) "
                    + "VALUES ('msg', 'app', 'a', 0, 0)");
            return null;
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application", "endpoint", "event_type", "message", "message_attempt", "background_task"})
    void listKeysSortByteWise(String table) {
        List<String> sorted = db.database().write(c -> {
            String key = table.equals("event_type") ? "name" : "id";
            for (String id : List.of("x_b", "x_Z", "x_a", "x_9", "x_B")) {
                Sql.update(c, insert(table), id);
            }
            return Sql.list(c, "SELECT " + key + " FROM " + table + " WHERE " + key
                    + " LIKE 'x!_%' ESCAPE '!' ORDER BY " + key, rs -> rs.getString(1));
        });

        assertThat(sorted).containsExactlyElementsOf(BYTE_ORDER);
    }

    private static String insert(String table) {
        return switch (table) {
            case "application" -> "INSERT INTO application (id, org_id, name, metadata, created_at, updated_at) "
                    + "VALUES (?, 'org', 'n', '{}', 0, 0)";
            case "endpoint" -> "INSERT INTO endpoint (id, app_id, url, description, disabled, metadata, headers, "
                    + "created_at, updated_at) VALUES (?, 'app', 'u', '', false, '{}', '{}', 0, 0)";
            case "event_type" -> "INSERT INTO event_type (name, org_id, description, archived, deprecated, "
                    + "created_at, updated_at) VALUES (?, 'org', '', false, false, 0, 0)";
            case "message" -> "INSERT INTO message (id, app_id, event_type, created_at, payload_expires_at) "
                    + "VALUES (?, 'app', 'a', 0, 0)";
            case "message_attempt" -> "INSERT INTO message_attempt (id, msg_id, app_id, endpoint_id, url, status, "
                    + "response_status_code, response_duration_ms, trigger_type, created_at) "
                    + "VALUES (?, 'msg', 'app', 'ep', 'u', 0, 0, 0, 0, 0)";
            case "background_task" -> "INSERT INTO background_task (id, org_id, kind, status, data, created_at, "
                    + "updated_at) VALUES (?, 'org', 'k', 's', '{}', 0, 0)";
            default -> throw new IllegalArgumentException(table);
        };
    }
}
