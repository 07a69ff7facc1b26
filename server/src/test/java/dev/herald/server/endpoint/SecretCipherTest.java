package dev.herald.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import dev.herald.webhooks.WebhookSecret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecretCipherTest {
    private static final String PLAIN = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private final SecretCipher cipher = new SecretCipher("key material");

    @Test
    void decryptsWhatItEncrypted() {
        String sealed = cipher.encrypt(PLAIN, "row-1");

        assertThat(sealed).startsWith("v1:").doesNotContain(PLAIN).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2La");
        assertThat(Base64.getDecoder().decode(sealed.substring(3))).hasSize(12 + PLAIN.length() + 16);
        assertThat(cipher.decrypt(sealed, "row-1")).isEqualTo(PLAIN);
    }

    @Test
    void usesAFreshNonceForEveryValue() {
        String first = cipher.encrypt(PLAIN, "row-1");
        String second = cipher.encrypt(PLAIN, "row-1");

        assertThat(first).isNotEqualTo(second);
        assertThat(nonce(first)).isNotEqualTo(nonce(second));
        assertThat(cipher.decrypt(second, "row-1")).isEqualTo(PLAIN);
    }

    @Test
    void detectsAnyChangedByte() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(PLAIN, "row-1").substring(3));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String stored = "v1:" + Base64.getEncoder().encodeToString(tampered);

            assertThatThrownBy(() -> cipher.decrypt(stored, "row-1")).as("byte " + i)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesToDecryptWithAnotherKey() {
        String sealed = cipher.encrypt(PLAIN, "row-1");

        assertThatThrownBy(() -> new SecretCipher("other key material").decrypt(sealed, "row-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(PLAIN);
    }

    @Test
    void refusesAValueMovedToAnotherRow() {
        String sealed = cipher.encrypt(PLAIN, "row-1");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "row-2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesValuesNotInTheV1Format() {
        for (String stored : List.of(PLAIN, "v1:", "v1:AAAA", "v1:not base64!", "v2:" + PLAIN)) {
            assertThatThrownBy(() -> cipher.decrypt(stored, "row-1")).as(stored)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void neverShowsItsKey() {
        assertThat(cipher.toString()).doesNotContain("key material");
        assertThat(EndpointSecret.parse(PLAIN).toString()).doesNotContain("MfKQ");
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void storesNoSecretInPlainText(StoreKind store) throws SQLException {
        String secret = WebhookSecret.generate().encoded();
        List<String> stored = new ArrayList<>();
        try (TestHerald server = TestHerald.start(store)) {
            var api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "At rest")).json().get("id").asText();
            api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", "https://example.com", "secret", secret));
            try (Connection c = DriverManager.getConnection(server.postgresUrl()
                    .orElse("jdbc:sqlite:" + server.dataDir().resolve("herald.db")));
                 ResultSet rs = c.createStatement().executeQuery("SELECT secret FROM endpoint_secret")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }

        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst()).startsWith("v1:").doesNotContain(secret.substring("whsec_".length()));
    }

    private static byte[] nonce(String sealed) {
        return Arrays.copyOf(Base64.getDecoder().decode(sealed.substring(3)), 12);
    }
}
