package dev.herald.server.inbound;

import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Captured inbound requests are payloads too: the retention sweep deletes them once they are past the period, and
 * with them the delivery ids that deduplicate repeats.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class InboundRetentionTest {
    @Parameter
    StoreKind store;

    @Test
    void deletesCapturedRequestsOlderThanTheRetentionPeriodAndKeepsNewerOnes() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestHerald server = TestHerald.start(store, Map.of(), clock)) {
            InboundFixture fixture = new InboundFixture(server.api());
            InboundFixture.Source source = fixture.source(Map.of("name", "old", "type", "generic-webhook"));
            String requests = "/ingest/api/v1/source/" + source.id() + "/request";
            InboundFixture.post(source.ingestUrl(), List.of("Content-Type", "application/json"), utf8("{\"n\":1}"));

            clock.advance(Duration.ofDays(60));
            InboundFixture.post(source.ingestUrl(), List.of("Content-Type", "application/json"), utf8("{\"n\":2}"));
            assertThat(server.herald().sweepRetention().capturedRequests()).isZero();

            clock.advance(Duration.ofDays(31)); // the first is 91 days old, the second 31
            var swept = server.herald().sweepRetention();

            assertThat(swept.capturedRequests()).isEqualTo(1);
            var left = server.api().get(requests).json().get("data");
            assertThat(left).singleElement().satisfies(r ->
                    assertThat(new String(InboundFixture.bodyOf(
                            server.api().get(requests + "/" + r.get("id").asText()).json()))).isEqualTo("{\"n\":2}"));
        }
    }

    @Test
    void forgetsADeliveryIdWithItsRequestSoTheSweepBoundsTheDeduplicationRecords() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestHerald server = TestHerald.start(store, Map.of(), clock)) {
            InboundFixture fixture = new InboundFixture(server.api());
            InboundFixture.Source source = fixture.source(Map.of("name", "gh", "type", "github",
                    "config", Map.of("secret", "s")));
            byte[] body = utf8("{\"zen\":\"again\"}");
            List<String> headers = List.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", "d-1",
                    "X-Hub-Signature-256", ProviderSigning.github("s", body));
            InboundFixture.post(source.ingestUrl(), headers, body);
            InboundFixture.post(source.ingestUrl(), headers, body);
            assertThat(fixture.messages(source)).hasSize(1);

            clock.advance(Duration.ofDays(91));
            assertThat(server.herald().sweepRetention().capturedRequests()).isEqualTo(2);
            InboundFixture.post(source.ingestUrl(), headers, body);

            assertThat(fixture.messages(source)).hasSize(2);
            assertThat(fixture.onlyCapture(source).get("status").asText()).isEqualTo("forwarded");
        }
    }
}
