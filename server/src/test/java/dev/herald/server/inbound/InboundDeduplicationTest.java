package dev.herald.server.inbound;

import static dev.herald.server.inbound.InboundFixture.post;
import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A signed request sent again (a provider's retry, or someone replaying what they caught) is answered like the
 * first but forwarded once: deduplicated per source on the provider's delivery id, in the store, so also when the
 * copies arrive at the same moment.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class InboundDeduplicationTest {
    private static final Set<String> NAMING_DELIVERIES =
            Set.of("github", "stripe", "shopify", "slack", "svix", "standard-webhooks (clerk)");
    private static final Duration QUIET = Duration.ofMillis(500);

    @Parameter
    TestHerald server;

    final Receiver receiver = Receiver.start();
    InboundFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(server.api());
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    static Stream<ProviderCase> providersNamingDeliveries() {
        return ProviderCase.all().stream().filter(p -> NAMING_DELIVERIES.contains(p.name()));
    }

    @ParameterizedTest
    @MethodSource("providersNamingDeliveries")
    void forwardsTheSameSignedRequestSentThreeTimesOnce(ProviderCase provider) {
        InboundFixture.Source source = fixture.source(provider.source());
        fixture.endpoint(source, receiver);
        List<String> headers = provider.headers(provider.secret(), provider.body(), now());

        List<InboundFixture.Answer> answers = List.of(post(source.ingestUrl(), headers, provider.body()),
                post(source.ingestUrl(), headers, provider.body()), post(source.ingestUrl(), headers, provider.body()));

        assertThat(answers).extracting(InboundFixture.Answer::status).containsExactly(200, 200, 200);
        assertThat(answers).extracting(InboundFixture.Answer::body).containsOnly(answers.get(0).body());
        assertForwardedOnce(source, 2);
    }

    @Test
    void forwardsConcurrentCopiesOfOneStandardWebhooksRequestOnce() throws Exception {
        ProviderCase svix = providersNamingDeliveries().filter(p -> p.name().equals("svix")).findFirst().orElseThrow();
        InboundFixture.Source source = fixture.source(svix.source());
        fixture.endpoint(source, receiver);
        List<String> headers = svix.headers(svix.secret(), svix.body(), now());

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<InboundFixture.Answer>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(pool.submit(() -> post(source.ingestUrl(), headers, svix.body())));
            }
            for (Future<InboundFixture.Answer> answer : sent) {
                statuses.add(answer.get().status());
            }
        }

        assertThat(statuses).containsOnly(200);
        assertForwardedOnce(source, 5);
    }

    @Test
    void forwardsSlacksRetryOfAnEventOnce() {
        ProviderCase slack = providersNamingDeliveries().filter(p -> p.name().equals("slack")).findFirst()
                .orElseThrow();
        InboundFixture.Source source = fixture.source(slack.source());
        fixture.endpoint(source, receiver);
        long first = now();
        List<String> retry = new ArrayList<>(slack.headers(slack.secret(), slack.body(), first + 1));
        retry.addAll(List.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(post(source.ingestUrl(), slack.headers(slack.secret(), slack.body(), first), slack.body())
                .status()).isEqualTo(200);
        assertThat(post(source.ingestUrl(), retry, slack.body()).status()).isEqualTo(200);

        assertForwardedOnce(source, 1);
    }

    @Test
    void forwardsEachDeliveryOfTheSameBodyWhenTheirIdsDiffer() {
        InboundFixture.Source source = fixture.source(Map.of("name", "gh", "type", "github",
                "config", Map.of("secret", "gh-secret")));
        fixture.endpoint(source, receiver);
        byte[] body = utf8("{\"zen\":\"Keep it logically awesome.\"}");

        for (int i = 0; i < 2; i++) {
            post(source.ingestUrl(), List.of("X-GitHub-Event", "ping", "X-GitHub-Delivery",
                    UUID.randomUUID().toString(), "X-Hub-Signature-256", ProviderSigning.github("gh-secret", body)),
                    body);
        }

        assertThat(receiver.await(2, Duration.ofSeconds(20))).hasSize(2);
        assertThat(fixture.messages(source)).hasSize(2);
    }

    @Test
    void deduplicatesPerSource() {
        ProviderCase svix = providersNamingDeliveries().filter(p -> p.name().equals("svix")).findFirst().orElseThrow();
        InboundFixture.Source one = fixture.source(svix.source());
        InboundFixture.Source two = fixture.source(svix.source());
        List<String> headers = svix.headers(svix.secret(), svix.body(), now());

        post(one.ingestUrl(), headers, svix.body());
        post(two.ingestUrl(), headers, svix.body());

        assertThat(fixture.messages(one)).hasSize(1);
        assertThat(fixture.messages(two)).hasSize(1);
    }

    @Test
    void refusesToReplayADuplicate() {
        ProviderCase svix = providersNamingDeliveries().filter(p -> p.name().equals("svix")).findFirst().orElseThrow();
        InboundFixture.Source source = fixture.source(svix.source());
        List<String> headers = svix.headers(svix.secret(), svix.body(), now());
        post(source.ingestUrl(), headers, svix.body());
        post(source.ingestUrl(), headers, svix.body());
        JsonNode duplicate = fixture.captures(source).stream()
                .filter(c -> c.get("status").asText().equals("duplicate")).findFirst().orElseThrow();

        var replay = server.api().post("/ingest/api/v1/source/" + source.id() + "/request/"
                + duplicate.get("id").asText() + "/replay", Map.of());

        assertThat(replay.status()).isEqualTo(409);
    }

    /** One message and one delivery; the first capture forwarded, the others kept as duplicates. */
    private void assertForwardedOnce(InboundFixture.Source source, int duplicates) {
        assertThat(receiver.await(1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(receiver.settle(QUIET)).hasSize(1);
        assertThat(fixture.messages(source)).hasSize(1);
        List<JsonNode> captures = fixture.captures(source);
        assertThat(captures).extracting(c -> c.get("status").asText()).containsOnly("forwarded", "duplicate")
                .filteredOn("duplicate"::equals).hasSize(duplicates);
        assertThat(captures).filteredOn(c -> c.get("status").asText().equals("duplicate"))
                .allSatisfy(c -> assertThat(c.get("failureReason").asText()).contains("already forwarded"));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
