package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

@ParameterizedClass
@EnumSource(StoreKind.class)
class RetentionTest {
    @Parameter
    StoreKind store;

    @Test
    void prunesPayloadsAndAttemptBodiesPastRetentionButKeepsMessages() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestHerald server = TestHerald.start(store, Map.of(), clock);
             Receiver receiver = Receiver.start().answering(n -> new Receiver.Answer(200, "thanks", Map.of(),
                     Duration.ZERO))) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "retention")).json().get("id").asText();
            api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/r")));
            String shortLived = api.post("/api/v1/app/" + app + "/msg",
                    "{\"eventType\":\"a\",\"payload\":{\"k\":1},\"payloadRetentionHours\":1}").json().get("id").asText();
            String longLived = api.post("/api/v1/app/" + app + "/msg",
                    "{\"eventType\":\"a\",\"payload\":{\"k\":2}}").json().get("id").asText();
            receiver.await(2, Duration.ofSeconds(20));
            receiver.settle(Duration.ofMillis(500)); // let both attempts be recorded before time jumps ahead

            clock.advance(Duration.ofHours(2));
            var first = server.herald().sweepRetention();

            assertThat(first.payloads()).isEqualTo(1);
            assertThat(first.attemptBodies()).isZero(); // two hours old: well within the retention period
            assertThat(api.get("/api/v1/app/" + app + "/msg/" + shortLived).json().get("payload").toString()).isEqualTo("{}");
            assertThat(api.get("/api/v1/app/" + app + "/msg/" + longLived).json().get("payload").get("k").asInt()).isEqualTo(2);

            clock.advance(Duration.ofDays(91));
            var second = server.herald().sweepRetention();

            assertThat(second.payloads()).isGreaterThanOrEqualTo(1);
            assertThat(api.get("/api/v1/app/" + app + "/msg/" + longLived).json().get("payload").toString()).isEqualTo("{}");
            assertThat(second.attemptBodies()).isEqualTo(2);
            assertThat(api.get("/api/v1/app/" + app + "/msg").json().get("data")).hasSize(2);

            // a later pass starts where the last one stopped, and still finds what was recorded since
            api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{\"k\":3}}");
            receiver.await(3, Duration.ofSeconds(20));
            receiver.settle(Duration.ofMillis(500));
            assertThat(server.herald().sweepRetention().attemptBodies()).isZero();
            clock.advance(Duration.ofDays(91));
            assertThat(server.herald().sweepRetention().attemptBodies()).isEqualTo(1);
        }
    }
}
