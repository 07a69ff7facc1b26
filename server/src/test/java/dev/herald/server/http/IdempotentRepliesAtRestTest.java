package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.auth.Authenticator;
import dev.herald.server.auth.TokenHash;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.TestHerald;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reply kept for an idempotency key may carry a bearer token (an access link's), so it is stored sealed with the
 * secret key, never in plain text, and a retry still gets it back; a kept reply that no longer opens is forgotten,
 * and the retry runs the request again.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class IdempotentRepliesAtRestTest {
    @Parameter
    TestHerald server;

    @Test
    void aKeptReplyIsStoredSealedAndARetryGetsItBack() throws SQLException {
        String app = server.api().post("/api/v1/app", Map.of("name", "Sealed")).json().get("id").asText();
        Api keyed = server.api().withHeader("idempotency-key", "sealed-" + System.nanoTime());

        String token = keyed.post("/api/v1/auth/app-portal-access/" + app, Map.of()).json().get("token").asText();

        assertThat(storedBodies()).isNotEmpty().allSatisfy(body -> assertThat(body).startsWith("v1:")
                .doesNotContain(token).doesNotContain("token"));
        assertThat(keyed.post("/api/v1/auth/app-portal-access/" + app, Map.of()).json().get("token").asText())
                .isEqualTo(token);
    }

    @Test
    void aKeptReplyThatNoLongerOpensIsForgottenAndTheRequestRunsAgain() throws SQLException {
        String key = "moved-" + System.nanoTime();
        Api keyed = server.api().withHeader("idempotency-key", key);
        var first = keyed.post("/api/v1/app", Map.of("name", "Moved reply"));
        var other = server.api().withHeader("idempotency-key", key + "-other")
                .post("/api/v1/app", Map.of("name", "Other reply"));
        // the other key's sealed reply, copied onto this key's row: bound to the other row, it does not open here
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
             var copy = c.prepareStatement("UPDATE idempotency SET body = (SELECT body FROM idempotency WHERE key = ?) "
                     + "WHERE key = ?")) {
            copy.setString(1, rowKey(key + "-other", "/api/v1/app"));
            copy.setString(2, rowKey(key, "/api/v1/app"));
            assertThat(copy.executeUpdate()).isOne();
        }

        var retried = keyed.post("/api/v1/app", Map.of("name", "Moved reply"));

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText())
                .isNotEqualTo(other.json().get("id").asText());
    }

    /** The row of an admin's request: keyed by the hash of who asked, the idempotency key and the path. */
    private static String rowKey(String idempotencyKey, String path) {
        return TokenHash.of(Authenticator.DEFAULT_ORG + "\n" + idempotencyKey + "\n" + path);
    }

    private List<String> storedBodies() throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
             var rows = c.createStatement().executeQuery("SELECT body FROM idempotency WHERE body IS NOT NULL")) {
            while (rows.next()) {
                bodies.add(new String(rows.getBytes(1), StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }
}
