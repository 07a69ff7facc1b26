package dev.herald.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.app.Application;
import dev.herald.server.auth.Authenticator;
import dev.herald.server.auth.Principal;
import dev.herald.server.testing.TestHerald;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Custom headers carry credentials, so they are stored encrypted like endpoint secrets; headers an older version
 * stored in plain text are encrypted at the next start. The API shows them as before.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class HeadersAtRestTest {
    private static final String CREDENTIAL = "Bearer s3cr3t-value";

    @Parameter
    TestHerald server;

    String appId;
    String endpointId;
    String endpoint;

    @BeforeEach
    void createEndpointWithHeaders() {
        appId = server.api().post("/api/v1/app", Map.of("name", "At rest")).json().get("id").asText();
        var created = server.api().post("/api/v1/app/" + appId + "/endpoint", Map.of("url", "https://example.com",
                "headers", Map.of("X-Tenant", "acme", "Authorization", CREDENTIAL)));
        endpointId = created.json().get("id").asText();
        endpoint = "/api/v1/app/" + appId + "/endpoint/" + endpointId;
    }

    @Test
    void storesCustomHeadersEncrypted() throws SQLException {
        String stored = storedHeaders();

        assertThat(stored).startsWith("v1:").doesNotContain("s3cr3t").doesNotContain("acme");
        assertThat(server.api().get(endpoint + "/headers").json().get("headers").get("X-Tenant").asText())
                .isEqualTo("acme");
    }

    @Test
    void encryptsHeadersStoredInPlainTextByAnOlderVersionAtStart() throws SQLException {
        overwriteHeaders("{\"X-Tenant\":\"legacy\",\"Authorization\":\"Bearer old-plain\"}");
        assertThat(server.api().get(endpoint + "/headers").json().get("headers").get("X-Tenant").asText())
                .isEqualTo("legacy");

        server.stop();
        server.startServer(Clock.systemUTC());

        assertThat(storedHeaders()).startsWith("v1:").doesNotContain("old-plain");
        assertThat(server.api().get(endpoint + "/headers").json().get("headers").get("X-Tenant").asText())
                .isEqualTo("legacy");
        Application app = new Application(appId, null, "At rest", null, Map.of(), Instant.now(), Instant.now());
        assertThat(server.herald().endpoints().require(new Principal.Admin(Authenticator.DEFAULT_ORG), app,
                endpointId).headers()).containsEntry("Authorization", "Bearer old-plain");
    }

    private String storedHeaders() throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
             PreparedStatement select = c.prepareStatement("SELECT headers FROM endpoint WHERE id = ?")) {
            select.setString(1, endpointId);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private void overwriteHeaders(String plaintext) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
             PreparedStatement update = c.prepareStatement("UPDATE endpoint SET headers = ? WHERE id = ?")) {
            update.setString(1, plaintext);
            update.setString(2, endpointId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
