package dev.herald.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.TestHerald;
import dev.herald.webhooks.Ed25519KeyPair;
import dev.herald.webhooks.SigningKey;
import dev.herald.webhooks.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class EndpointSecretsApiTest {
    private static final String SECRET_A = WebhookSecret.generate().encoded();
    private static final String SECRET_B = WebhookSecret.generate().encoded();

    @Parameter
    TestHerald server;

    String endpoint;
    String endpointId;

    @BeforeEach
    void createEndpoint() {
        String app = server.api().post("/api/v1/app", Map.of("name", "Secrets")).json().get("id").asText();
        var created = server.api().post("/api/v1/app/" + app + "/endpoint", Map.of("url", "https://example.com",
                "secret", SECRET_A));
        endpointId = created.json().get("id").asText();
        endpoint = "/api/v1/app/" + app + "/endpoint/" + endpointId;
    }

    @Test
    void rotationKeepsThePreviousSecretSigningUntilItsGracePeriodEnds() {
        var rotated = server.api().post(endpoint + "/secret/rotate", Map.of("gracePeriodSeconds", 3600));
        Instant rotatedAt = Instant.now();

        assertThat(rotated.status()).isEqualTo(204);
        String current = currentKey();
        assertThat(current).startsWith("whsec_").isNotEqualTo(SECRET_A);
        assertThat(signingKeys(rotatedAt)).containsExactly(current, SECRET_A);
        assertThat(signingKeys(rotatedAt.plus(Duration.ofHours(1)).plusSeconds(5))).containsExactly(current);
    }

    @Test
    void rotationWithoutOptionsKeepsThePreviousSecretForOneDay() {
        assertThat(server.api().post(endpoint + "/secret/rotate", "").status()).isEqualTo(204);
        Instant rotatedAt = Instant.now();

        assertThat(signingKeys(rotatedAt.plus(Duration.ofHours(23)))).hasSize(2).endsWith(SECRET_A);
        assertThat(signingKeys(rotatedAt.plus(Duration.ofHours(25)))).hasSize(1);
    }

    @Test
    void rotationWithZeroGraceRetiresThePreviousSecretAtOnce() {
        server.api().post(endpoint + "/secret/rotate", Map.of("gracePeriodSeconds", 0));

        assertThat(signingKeys(Instant.now())).containsExactly(currentKey());
    }

    @Test
    void rotationUsesTheKeyItIsGiven() {
        server.api().post(endpoint + "/secret/rotate", Map.of("key", SECRET_B));

        assertThat(currentKey()).isEqualTo(SECRET_B);
    }

    @Test
    void repeatedRotationsListEveryLiveSecretNewestFirst() {
        server.api().post(endpoint + "/secret/rotate", Map.of("key", SECRET_B));
        server.api().post(endpoint + "/secret/rotate", Map.of());

        assertThat(signingKeys(Instant.now())).containsExactly(currentKey(), SECRET_B, SECRET_A);
    }

    @Test
    void refusesARotationWhileTooManyPreviousSecretsStillSign() {
        for (int i = 0; i < Endpoints.MAX_PREVIOUS_SECRETS; i++) {
            assertThat(server.api().post(endpoint + "/secret/rotate", Map.of()).status()).isEqualTo(204);
        }
        String current = currentKey();

        var refused = server.api().post(endpoint + "/secret/rotate", Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("limit_reached");
        assertThat(currentKey()).isEqualTo(current);
        assertThat(server.api().patch(endpoint, Map.of("secret", SECRET_B)).status()).isEqualTo(400);
    }

    @Test
    void alwaysAllowsARotationWithoutGrace() {
        for (int i = 0; i < Endpoints.MAX_PREVIOUS_SECRETS; i++) {
            server.api().post(endpoint + "/secret/rotate", Map.of());
        }

        var immediate = server.api().post(endpoint + "/secret/rotate", Map.of("key", SECRET_B, "gracePeriodSeconds", 0));

        assertThat(immediate.status()).isEqualTo(204);
        assertThat(currentKey()).isEqualTo(SECRET_B);
    }

    @Test
    void acceptsAnEd25519SigningSecret() {
        String whsk = Ed25519KeyPair.generate().secretKey();

        assertThat(server.api().post(endpoint + "/secret/rotate", Map.of("key", whsk)).status()).isEqualTo(204);

        assertThat(currentKey()).isEqualTo(whsk);
        List<SigningKey> keys = server.herald().endpoints().signingKeys(endpointId, Instant.now());
        assertThat(keys.getFirst()).isInstanceOf(Ed25519KeyPair.class);
    }

    @Test
    void refusesKeysAndGracePeriodsOutsideTheRules() {
        for (Object body : List.of(Map.of("key", "whsec_c2hvcnQ="), Map.of("key", "not a key"),
                Map.of("key", "whpk_" + "A".repeat(43) + "="), Map.of("gracePeriodSeconds", 604_801),
                Map.of("gracePeriodSeconds", -1), Map.of("gracePeriodSeconds", "soon"), "[1]")) {
            var refused = server.api().post(endpoint + "/secret/rotate", body);

            assertThat(refused.status()).as(body.toString()).isEqualTo(422);
            assertThat(refused.body()).doesNotContain("c2hvcnQ");
        }
        assertThat(currentKey()).isEqualTo(SECRET_A);
        var badCreate = server.api().post(endpoint.replaceFirst("/[^/]+$", ""), Map.of("url", "https://example.com",
                "secret", "whsec_tooShort"));
        assertThat(badCreate.status()).isEqualTo(422);
        assertThat(badCreate.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"secret\"]");
    }

    @Test
    void patchWithASecretRotatesToIt() {
        assertThat(server.api().patch(endpoint, Map.of("secret", SECRET_B)).status()).isEqualTo(200);

        assertThat(signingKeys(Instant.now())).containsExactly(SECRET_B, SECRET_A);
    }

    private String currentKey() {
        var response = server.api().get(endpoint + "/secret");
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("key").asText();
    }

    private List<String> signingKeys(Instant at) {
        return server.herald().endpoints().signingKeys(endpointId, at).stream()
                .map(key -> switch (key) {
                    case WebhookSecret secret -> secret.encoded();
                    case Ed25519KeyPair pair -> pair.secretKey();
                })
                .toList();
    }
}
