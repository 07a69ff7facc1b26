package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.testing.StoreKind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both stores report a broken unique key as {@link UniqueViolation} (which the API answers 409) and every other
 * broken constraint as a plain {@link StoreException}, however the statement was sent.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ConstraintViolationTest {
    @Parameter
    StoreKind store;

    @TempDir
    Path dir;

    TestDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.open(store, dir);
        db.database().write(c -> Sql.update(c, "INSERT INTO setting (name, value) VALUES ('taken', 'x')"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void duplicateKeyIsAUniqueViolation() {
        assertThatThrownBy(() -> db.database().write(c ->
                Sql.update(c, "INSERT INTO setting (name, value) VALUES ('taken', 'y')")))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void duplicateKeyInABatchIsAUniqueViolation() {
        assertThatThrownBy(() -> db.database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO setting (name, value) VALUES (?, ?)")) {
                for (String name : List.of("fresh", "taken")) {
                    Sql.bind(ps, name, "v");
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        })).isInstanceOf(UniqueViolation.class);
    }

    @Test
    void missingRequiredValueIsNotAUniqueViolation() {
        assertThatThrownBy(() -> db.database().write(c ->
                Sql.update(c, "INSERT INTO setting (name, value) VALUES ('empty', NULL)")))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void missingParentRowIsNotAUniqueViolation() {
        assertThatThrownBy(() -> db.database().write(c -> Sql.update(c, "INSERT INTO message (id, app_id, "
                + "event_type, created_at, payload_expires_at) VALUES ('msg_1', 'app_missing', 'a', 0, 0)")))
                .isInstanceOf(StoreException.class);
    }
}
