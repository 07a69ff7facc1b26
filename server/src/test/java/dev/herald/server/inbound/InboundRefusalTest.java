package dev.herald.server.inbound;

import static dev.herald.server.inbound.InboundFixture.bodyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A request that fails verification cannot fill the disk: it is kept as its metadata and the first kibibyte of its
 * body, a source keeps only a bounded number of them a minute, and the rest are answered 401 and only counted.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class InboundRefusalTest {
    private static final String SECRET = "gh-secret";

    @Parameter
    StoreKind store;

    final MutableClock clock = new MutableClock(Instant.now());
    final Receiver receiver = Receiver.start();
    TestHerald server;
    InboundFixture fixture;
    InboundFixture.Source source;

    @BeforeEach
    void startServerWithAGitHubSource() {
        server = TestHerald.start(store, Map.of(), clock);
        fixture = new InboundFixture(server.api());
        source = fixture.source(Map.of("name", "gh", "type", "github", "config", Map.of("secret", SECRET)));
        fixture.endpoint(source, receiver);
    }

    @AfterEach
    void stopAll() {
        server.close();
        receiver.close();
    }

    @Test
    void keepsARefusedRequestAsItsMetadataAndTheFirstKibibyteOfItsBody() {
        byte[] body = new byte[2 * 1024 * 1024 - 1024];
        new Random(7).nextBytes(body);

        InboundFixture.Answer answer = forge(body);

        assertThat(answer.status()).isEqualTo(401);
        JsonNode capture = fixture.onlyCapture(source);
        assertThat(capture.get("status").asText()).isEqualTo("failed");
        assertThat(capture.get("failureReason").asText()).isNotBlank();
        assertThat(capture.get("method").asText()).isEqualTo("POST");
        assertThat(capture.get("bodySize").asLong()).isEqualTo(body.length);
        assertThat(capture.get("bodyTruncated").asBoolean()).isTrue();
        assertThat(bodyOf(capture)).isEqualTo(Arrays.copyOf(body, Catcher.REFUSED_BODY_BYTES));
        assertThat(capture.get("headers").toString()).contains("X-GitHub-Event");
        assertThat(fixture.messages(source)).isEmpty();
        assertThat(receiver.settle(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void keepsAVerifiedRequestWholeBeforeAnsweringIt() {
        byte[] body = new byte[1024 * 1024];
        new Random(8).nextBytes(body);

        InboundFixture.Answer answer = InboundFixture.post(source.ingestUrl(), signed(SECRET, body), body);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode capture = fixture.onlyCapture(source);
        assertThat(capture.get("status").asText()).isEqualTo("forwarded");
        assertThat(capture.get("bodyTruncated").asBoolean()).isFalse();
        assertThat(bodyOf(capture)).isEqualTo(body);
    }

    @Test
    void keepsOnlyAQuotaOfRefusedRequestsPerMinuteAndAnswersTheRestAlike() {
        int over = 5;
        for (int i = 0; i < Catcher.REFUSED_KEPT_PER_MINUTE + over; i++) {
            assertThat(forge(ProviderSigning.utf8("{\"n\":" + i + "}")).status()).isEqualTo(401);
        }

        assertThat(fixture.captures(source)).hasSize(Catcher.REFUSED_KEPT_PER_MINUTE)
                .allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("failed"));
        assertThat(metrics()).contains("herald_inbound_refused_total{kept=\"false\"} " + over + ".0")
                .contains("herald_inbound_refused_total{kept=\"true\"} " + Catcher.REFUSED_KEPT_PER_MINUTE + ".0");

        clock.advance(Duration.ofSeconds(61));
        forge(ProviderSigning.utf8("{}"));

        assertThat(fixture.captures(source)).hasSize(Catcher.REFUSED_KEPT_PER_MINUTE + 1);
    }

    @Test
    void refusedRequestsOfOneSourceDoNotUseUpAnotherSourcesQuota() {
        for (int i = 0; i < Catcher.REFUSED_KEPT_PER_MINUTE + 1; i++) {
            forge(ProviderSigning.utf8("{}"));
        }
        InboundFixture.Source other = fixture.source(Map.of("name", "other", "type", "github",
                "config", Map.of("secret", SECRET)));

        InboundFixture.post(other.ingestUrl(), List.of("X-Hub-Signature-256", "sha256=00"), ProviderSigning.utf8("{}"));

        assertThat(fixture.captures(other)).hasSize(1);
    }

    private InboundFixture.Answer forge(byte[] body) {
        return InboundFixture.post(source.ingestUrl(), signed("not-the-secret", body), body);
    }

    private static List<String> signed(String secret, byte[] body) {
        return List.of("Content-Type", "application/json", "X-GitHub-Event", "push",
                "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", ProviderSigning.github(secret, body));
    }

    private String metrics() {
        return server.api().get("/metrics").body();
    }
}
