package dev.herald.server.inbound;

import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Herald's inspection API for caught requests: list by status, read one, replay one to the source's endpoints. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class CapturedRequestsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "gh-secret";

    @Parameter
    TestHerald server;

    InboundFixture fixture;
    Receiver receiver;
    InboundFixture.Source source;

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(server.api());
        receiver = Receiver.start();
        source = fixture.source(Map.of("name", "gh", "type", "github", "config", Map.of("secret", SECRET)));
        fixture.endpoint(source, receiver);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String requests() {
        return "/ingest/api/v1/source/" + source.id() + "/request";
    }

    private int sendGitHub(byte[] body, String secret) {
        return InboundFixture.post(source.ingestUrl(), List.of("Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-Hub-Signature-256", ProviderSigning.github(secret, body)), body).status();
    }

    @Test
    void listsNewestFirstAndFiltersByStatus() {
        sendGitHub(utf8("{\"n\":1}"), SECRET);
        sendGitHub(utf8("{\"n\":2}"), "wrong");
        sendGitHub(utf8("{\"n\":3}"), SECRET);

        JsonNode all = server.api().get(requests()).json();
        JsonNode failed = server.api().get(requests() + "?status=failed").json();

        assertThat(all.get("data")).hasSize(3);
        assertThat(all.get("data").get(0).get("bodySize").asInt()).isEqualTo(7);
        assertThat(all.get("data").get(0).has("body")).isFalse();
        assertThat(all.get("data").get(0).get("id").asText())
                .isGreaterThan(all.get("data").get(2).get("id").asText());
        assertThat(failed.get("data")).singleElement().satisfies(r -> {
            assertThat(r.get("status").asText()).isEqualTo("failed");
            assertThat(r.get("failureReason").asText()).contains("does not match");
        });
        assertThat(server.api().get(requests() + "?status=bogus").status()).isEqualTo(422);
        assertThat(server.api().get(requests() + "?limit=1").json().get("done").asBoolean()).isFalse();
    }

    @Test
    void readsOneRequestWithItsBodyAndHeaders() {
        sendGitHub(utf8("{\"hello\":\"world\"}"), SECRET);

        JsonNode request = fixture.onlyCapture(source);

        assertThat(request.get("id").asText()).startsWith("inreq_");
        assertThat(request.get("sourceId").asText()).isEqualTo(source.id());
        assertThat(request.get("method").asText()).isEqualTo("POST");
        assertThat(InboundFixture.bodyOf(request)).isEqualTo(utf8("{\"hello\":\"world\"}"));
        assertThat(request.get("headers").toString()).contains("[\"X-GitHub-Event\",\"push\"]");
    }

    @Test
    void withholdsCredentialsSentInHeaders() {
        InboundFixture.Source basic = fixture.source(Map.of("name", "basic", "type", "generic-webhook",
                "config", Map.of("basicAuth", Map.of("username", "u", "password", "p"))));
        InboundFixture.post(basic.ingestUrl(), List.of("Authorization", "Basic dTpw"), utf8("{}"));

        JsonNode request = fixture.onlyCapture(basic);

        assertThat(request.get("status").asText()).isEqualTo("forwarded");
        assertThat(request.get("headers").toString()).contains("[\"Authorization\",\"[withheld]\"]")
                .doesNotContain("dTpw");
    }

    @Test
    void replaysAForwardedRequestAsANewMessage() {
        byte[] body = utf8("{\"replay\":true}");
        sendGitHub(body, SECRET);
        String firstMessage = receiver.await(1, WAIT).get(0).header("webhook-id");
        String requestId = fixture.onlyCapture(source).get("id").asText();

        Api.Response replayed = server.api().post(requests() + "/" + requestId + "/replay", null);

        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        List<Receiver.Received> both = receiver.await(2, WAIT);
        assertThat(both.get(1).body()).isEqualTo(body);
        assertThat(both.get(1).header("webhook-id")).isNotEqualTo(firstMessage)
                .isEqualTo(replayed.json().get("msgId").asText());
        assertThat(fixture.messages(source)).hasSize(2);
    }

    @Test
    void refusesToReplayARequestThatFailedVerification() {
        sendGitHub(utf8("{}"), "wrong");
        String requestId = fixture.onlyCapture(source).get("id").asText();

        Api.Response replayed = server.api().post(requests() + "/" + requestId + "/replay", null);

        assertThat(replayed.status()).isEqualTo(409);
        assertThat(fixture.messages(source)).isEmpty();
    }

    @Test
    void replayFinishesARequestLeftUnjudgedByACrash() throws Exception {
        InboundFixture.Source stripe = fixture.source(Map.of("name", "stripe", "type", "stripe",
                "config", Map.of("secret", "whsec_x")));
        fixture.endpoint(stripe, receiver);
        byte[] body = utf8("{\"type\":\"charge.succeeded\"}");
        InboundFixture.post(stripe.ingestUrl(), List.of("Content-Type", "application/json", "Stripe-Signature",
                ProviderSigning.stripe("whsec_x", Instant.now().getEpochSecond(), body)), body);
        receiver.await(1, WAIT);
        String requestId = fixture.onlyCapture(stripe).get("id").asText();
        markUnjudged(requestId);

        Api.Response replayed = server.api().post("/ingest/api/v1/source/" + stripe.id() + "/request/" + requestId
                + "/replay", null);

        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.json().get("status").asText()).isEqualTo("forwarded");
        assertThat(receiver.await(2, WAIT).get(1).body()).isEqualTo(body);
    }

    /** Puts a request back into the state a node that died between its two writes would leave it in. */
    private void markUnjudged(String requestId) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
             PreparedStatement update = c.prepareStatement(
                     "UPDATE inbound_request SET status = 'received', msg_id = NULL WHERE id = ?")) {
            update.setString(1, requestId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
