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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    private static final Map<String, Object> META = Map.of("name", "meta", "type", "meta",
            "config", Map.of("secret", "meta-app-secret", "verifyToken", "meatyhamhock"));
    private static final Map<String, Object> ZOOM = Map.of("name", "zoom", "type", "zoom",
            "config", Map.of("secret", "zoom-secret-token"));

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

    /** A provider's check of a new URL: a body, how it is signed at a time, and the answer that passes it. */
    record UrlCheck(String name, Map<String, Object> source, byte[] body, Function<Long, List<String>> signedAt,
                    String answer, String secretPart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<UrlCheck> urlChecks() {
        byte[] slack = utf8("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gm"
                + "dALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");
        byte[] zoom = utf8("{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1654503849680,"
                + "\"event\":\"endpoint.url_validation\"}");
        String encrypted = ProviderSigning.zoomEncryptedToken("zoom-secret-token", "qgg8vlvZRS6UYooatFL8Aw");
        return List.of(
                new UrlCheck("slack url_verification", SLACK, slack, t -> List.of("X-Slack-Request-Timestamp",
                        Long.toString(t), "X-Slack-Signature", ProviderSigning.slack("slack-signing-secret", t, slack)),
                        "{\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}",
                        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"),
                new UrlCheck("zoom endpoint.url_validation", ZOOM, zoom, t -> List.of("x-zm-request-timestamp",
                        Long.toString(t), "x-zm-signature", ProviderSigning.zoom("zoom-secret-token", t, zoom)),
                        "{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\",\"encryptedToken\":\"" + encrypted + "\"}",
                        encrypted));
    }

    @ParameterizedTest
    @MethodSource("urlChecks")
    void answersAProvidersUrlCheckOnceVerified(UrlCheck check) {
        InboundFixture.Source source = fixture.source(check.source());
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        headers.addAll(check.signedAt().apply(now()));

        var answer = post(source.ingestUrl(), headers, check.body());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(check.answer());
    }

    @ParameterizedTest
    @MethodSource("urlChecks")
    void refusesAProvidersUrlCheckWhenItIsNotSigned(UrlCheck check) {
        InboundFixture.Source source = fixture.source(check.source());

        var answer = post(source.ingestUrl(), List.of("Content-Type", "application/json"), check.body());

        assertRefusedAndKept(source, answer, check.body());
        assertThat(answer.body()).doesNotContain(check.secretPart());
    }

    @Test
    void answersMetasSubscriptionWithItsChallengeWhenTheVerifyTokenMatches() {
        InboundFixture.Source source = fixture.source(META);

        var answer = InboundFixture.send("GET", source.ingestUrl()
                + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock", List.of(), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("1158201444");
    }

    @Test
    void refusesMetasSubscriptionWithAnotherVerifyToken() {
        InboundFixture.Source source = fixture.source(META);

        var answer = InboundFixture.send("GET", source.ingestUrl()
                + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guessed", List.of(), null);

        assertRefusedAndKept(source, answer, new byte[0]);
        assertThat(answer.body()).doesNotContain("1158201444");
        assertThat(fixture.onlyCapture(source).get("failureReason").asText()).contains("hub.verify_token");
    }

    @Test
    void acceptsAnyTailscaleTimestampWithoutAGracePeriodAsSvixDoes() {
        byte[] body = utf8("[{\"type\":\"nodeDeleted\"}]");
        long aDayAgo = now() - 86_400;

        assertForwarded(Map.of("name", "ts", "type", "tailscale", "config", Map.of("secret", "tskey-webhook-test")),
                List.of("Tailscale-Webhook-Signature", ProviderSigning.tailscale("tskey-webhook-test", aDayAgo, body)),
                body);
    }

    @Test
    void acceptsADocuSignRequestWhoseSecondSignatureIsMadeWithTheSourcesKey() {
        byte[] body = utf8("{\"event\":\"envelope-sent\"}");

        assertForwarded(Map.of("name", "ds", "type", "docusign", "config", Map.of("secret", "current-key")),
                List.of("X-DocuSign-Signature-1", ProviderSigning.docuSign("another-active-key", body),
                        "X-DocuSign-Signature-2", ProviderSigning.docuSign("current-key", body)), body);
    }

    /** A source made from {@code sourceBody} accepts the JSON {@code body} with these headers and forwards it. */
    private void assertForwarded(Map<String, Object> sourceBody, List<String> headers, byte[] body) {
        InboundFixture.Source source = fixture.source(sourceBody);
        fixture.endpoint(source, receiver);
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
        all.addAll(headers);

        var answer = post(source.ingestUrl(), all, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(receiver.await(1, WAIT).get(0).body()).isEqualTo(body);
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
