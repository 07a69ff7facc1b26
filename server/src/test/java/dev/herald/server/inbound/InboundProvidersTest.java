package dev.herald.server.inbound;

import static dev.herald.server.inbound.InboundFixture.bodyOf;
import static dev.herald.server.inbound.InboundFixture.post;
import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider's signature, computed in the test from the provider's published algorithm: a correctly signed
 * request is accepted and forwarded byte-exact with Standard Webhooks headers; a tampered body, a wrong secret and a
 * stale timestamp are each answered 401, kept as failed, and never forwarded.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class InboundProvidersTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, Object> SLACK = Map.of("name", "slack", "type", "slack",
            "config", Map.of("secret", "slack-signing-secret"));

    @Parameter
    TestHerald server;

    InboundFixture fixture;
    Receiver receiver;

    @BeforeEach
    void startReceiver() {
        fixture = new InboundFixture(server.api());
        receiver = Receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static List<ProviderCase> providers() {
        return ProviderCase.all();
    }

    static Stream<ProviderCase> bodySigningProviders() {
        return ProviderCase.all().stream().filter(ProviderCase::signsBody);
    }

    static Stream<ProviderCase> timestampedProviders() {
        return ProviderCase.all().stream().filter(ProviderCase::hasTimestamp);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void acceptsAndForwardsACorrectlySignedRequest(ProviderCase provider) throws Exception {
        InboundFixture.Source source = fixture.source(provider.source());
        String endpointSecret = fixture.endpoint(source, receiver);

        var answer = post(source.ingestUrl(), provider.headers(provider.secret(), provider.body(), now()),
                provider.body());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Receiver.Received forwarded = receiver.await(1, WAIT).get(0);
        assertThat(forwarded.body()).isEqualTo(provider.body());
        assertThat(forwarded.header("content-type")).isEqualTo(provider.contentType());
        InboundFixture.assertSignedFor(forwarded, endpointSecret);
        new Webhook(endpointSecret).verify(forwarded.bodyText(), Map.of(
                "webhook-id", List.of(forwarded.header("webhook-id")),
                "webhook-timestamp", List.of(forwarded.header("webhook-timestamp")),
                "webhook-signature", List.of(forwarded.header("webhook-signature"))));
        JsonNode capture = fixture.onlyCapture(source);
        assertThat(capture.get("status").asText()).isEqualTo("forwarded");
        assertThat(capture.get("msgId").asText()).isEqualTo(forwarded.header("webhook-id"));
        assertThat(bodyOf(capture)).isEqualTo(provider.body());
        assertThat(fixture.messages(source)).singleElement()
                .satisfies(m -> assertThat(m.get("eventType").asText()).isEqualTo(provider.eventType()));
    }

    @ParameterizedTest
    @MethodSource("bodySigningProviders")
    void refusesATamperedBody(ProviderCase provider) {
        InboundFixture.Source source = fixture.source(provider.source());
        fixture.endpoint(source, receiver);
        byte[] tampered = Arrays.copyOf(provider.body(), provider.body().length + 1);
        tampered[tampered.length - 1] = ' ';

        var answer = post(source.ingestUrl(), provider.headers(provider.secret(), provider.body(), now()), tampered);

        assertRefusedAndKept(source, answer, tampered);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void refusesAWrongSecret(ProviderCase provider) {
        InboundFixture.Source source = fixture.source(provider.source());
        fixture.endpoint(source, receiver);
        String wrong = provider.secret().equals(ProviderCase.STANDARD_SECRET)
                ? ProviderCase.STANDARD_SECRET.replace("MDEy", "OTk5") : provider.secret() + "-wrong";

        var answer = post(source.ingestUrl(), provider.headers(wrong, provider.body(), now()), provider.body());

        assertRefusedAndKept(source, answer, provider.body());
    }

    @ParameterizedTest
    @MethodSource("timestampedProviders")
    void refusesAStaleTimestamp(ProviderCase provider) {
        InboundFixture.Source source = fixture.source(provider.source());
        fixture.endpoint(source, receiver);
        long tenMinutesAgo = now() - 600;

        var answer = post(source.ingestUrl(), provider.headers(provider.secret(), provider.body(), tenMinutesAgo),
                provider.body());

        assertRefusedAndKept(source, answer, provider.body());
        assertThat(fixture.onlyCapture(source).get("failureReason").asText()).containsIgnoringCase("timestamp");
    }

    @Test
    void refusesARequestWithoutTheSignatureHeader() {
        InboundFixture.Source source = fixture.source(Map.of("name", "gh", "type", "github",
                "config", Map.of("secret", "s")));
        byte[] body = utf8("{}");

        var answer = post(source.ingestUrl(), List.of("Content-Type", "application/json"), body);

        assertRefusedAndKept(source, answer, body);
        assertThat(fixture.onlyCapture(source).get("failureReason").asText()).contains("X-Hub-Signature-256");
    }

    @Test
    void answersSlacksUrlVerificationChallengeOnceVerified() {
        InboundFixture.Source source = fixture.source(SLACK);
        byte[] body = utf8("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdAL"
                + "WMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");
        long t = now();
        List<String> headers = List.of("Content-Type", "application/json", "X-Slack-Request-Timestamp",
                Long.toString(t), "X-Slack-Signature", ProviderSigning.slack("slack-signing-secret", t, body));

        var answer = post(source.ingestUrl(), headers, body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}");
    }

    @Test
    void refusesSlacksUrlVerificationWhenItIsNotSigned() {
        InboundFixture.Source source = fixture.source(SLACK);
        byte[] body = utf8("{\"challenge\":\"abc\",\"type\":\"url_verification\"}");

        var answer = post(source.ingestUrl(), List.of("Content-Type", "application/json"), body);

        assertRefusedAndKept(source, answer, body);
        assertThat(answer.body()).doesNotContain("abc");
    }

    @Test
    void forwardsAnythingToAGenericWebhookWithoutCredentials() {
        InboundFixture.Source source = fixture.source(Map.of("name", "open", "type", "generic-webhook"));
        fixture.endpoint(source, receiver);
        byte[] body = utf8("{\"anything\":true}");

        var answer = post(source.ingestUrl(), List.of("Content-Type", "application/json"), body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(receiver.await(1, WAIT).get(0).body()).isEqualTo(body);
        assertThat(fixture.onlyCapture(source).get("status").asText()).isEqualTo("forwarded");
    }

    private void assertRefusedAndKept(InboundFixture.Source source, InboundFixture.Answer answer, byte[] sent) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"authentication_failed\"");
        JsonNode capture = fixture.onlyCapture(source);
        assertThat(capture.get("status").asText()).isEqualTo("failed");
        assertThat(capture.get("failureReason").asText()).isNotBlank();
        assertThat(capture.has("msgId")).isFalse();
        assertThat(bodyOf(capture)).isEqualTo(sent);
        assertThat(fixture.messages(source)).isEmpty();
        assertThat(receiver.settle(Duration.ofMillis(200))).isEmpty();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
