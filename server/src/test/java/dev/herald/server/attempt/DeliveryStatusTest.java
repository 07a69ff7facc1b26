package dev.herald.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.Servers;
import dev.herald.server.testing.TestHerald;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where deliveries stand: an endpoint's attempted messages, a message's attempted endpoints and an endpoint's
 * stats. Retries wait an hour here, so a failed first try stays pending for the whole test.
 */
@ParameterizedClass
@MethodSource("servers")
class DeliveryStatusTest extends ReceiverPerTest {

    static Stream<TestHerald> servers() {
        return Servers.eachStore(Map.of(Setting.RETRY_SCHEDULE, "1h"));
    }

    private String sendAndAwaitAttempt(String payload) {
        String msgId = steps.send("user.created", payload);
        steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 1);
        return msgId;
    }

    @Test
    void showsAnEndpointsMessagesWithTheirDeliveryStatus() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        receiver.answering(n -> Receiver.Answer.status(200));
        String delivered = sendAndAwaitAttempt("{\"n\":1}");
        receiver.answering(n -> Receiver.Answer.status(500));
        String pending = sendAndAwaitAttempt("{\"n\":2}");

        JsonNode data = server.api().get(steps.app() + "/endpoint/" + endpointId + "/msg").json().get("data");

        assertThat(data).hasSize(2);
        JsonNode newest = data.get(0);
        assertThat(newest.get("id").asText()).isEqualTo(pending);
        assertThat(newest.get("eventType").asText()).isEqualTo("user.created");
        assertThat(newest.get("payload").get("n").asInt()).isEqualTo(2);
        assertThat(newest.get("status").asInt()).isEqualTo(1);
        assertThat(newest.get("statusText").asText()).isEqualTo("pending");
        assertThat(Instant.parse(newest.get("nextAttempt").asText()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(40)));
        JsonNode oldest = data.get(1);
        assertThat(oldest.get("id").asText()).isEqualTo(delivered);
        assertThat(oldest.get("status").asInt()).isEqualTo(0);
        assertThat(oldest.get("statusText").asText()).isEqualTo("success");
        assertThat(oldest.has("nextAttempt")).isFalse();
    }

    @Test
    void filtersAnEndpointsMessagesByStatus() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String delivered = sendAndAwaitAttempt("{}");
        receiver.answering(n -> Receiver.Answer.status(500));
        String pending = sendAndAwaitAttempt("{}");
        String base = steps.app() + "/endpoint/" + endpointId + "/msg";

        assertThat(server.api().get(base + "?status=0").json().get("data").get(0).get("id").asText()).isEqualTo(delivered);
        assertThat(server.api().get(base + "?status=1").json().get("data").get(0).get("id").asText()).isEqualTo(pending);
        assertThat(server.api().get(base + "?status=2").json().get("data")).isEmpty();
        assertThat(server.api().get(base + "?with_content=false").json().get("data").get(0).get("payload").size()).isZero();
    }

    @Test
    void showsAMessagesEndpointsWithTheirDeliveryStatus() {
        Receiver failing = Receiver.start().answering(n -> Receiver.Answer.status(503));
        try (failing) {
            String ok = steps.endpoint(receiver.url("/ok"));
            String down = steps.endpoint(failing.url("/down"));
            String msgId = steps.send("a", "{}");
            steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 2);

            JsonNode data = server.api().get(steps.app() + "/msg/" + msgId + "/endpoint").json().get("data");

            assertThat(data).hasSize(2);
            JsonNode first = data.get(0).get("id").asText().equals(ok) ? data.get(0) : data.get(1);
            JsonNode second = first == data.get(0) ? data.get(1) : data.get(0);
            assertThat(first.get("url").asText()).isEqualTo(receiver.url("/ok"));
            assertThat(first.get("statusText").asText()).isEqualTo("success");
            assertThat(first.has("nextAttempt")).isFalse();
            assertThat(second.get("id").asText()).isEqualTo(down);
            assertThat(second.get("status").asInt()).isEqualTo(1);
            assertThat(second.get("nextAttempt").isTextual()).isTrue();
            assertThat(second.get("createdAt").isTextual()).isTrue();
            assertThat(second.get("description").isTextual()).isTrue();
        }
    }

    @Test
    void countsAnEndpointsMessagesPerStatus() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        sendAndAwaitAttempt("{}");
        receiver.answering(n -> Receiver.Answer.status(500));
        sendAndAwaitAttempt("{}");
        String failed = sendAndAwaitAttempt("{}");
        assertThat(server.api().post(steps.app() + "/msg/" + failed + "/endpoint/" + endpointId + "/resend", null).status())
                .isEqualTo(202);
        String stats = steps.app() + "/endpoint/" + endpointId + "/stats";

        JsonNode counts = steps.await(stats, json -> json.get("fail").asLong() == 1);

        assertThat(counts.get("success").asLong()).isEqualTo(1);
        assertThat(counts.get("pending").asLong()).isEqualTo(1);
        assertThat(counts.get("sending").asLong()).isZero();
        assertThat(counts.get("canceled").asLong()).isZero();
        String later = URLEncoder.encode(Instant.now().plusSeconds(60).toString(), StandardCharsets.UTF_8);
        JsonNode none = server.api().get(stats + "?since=" + later).json();
        assertThat(none.get("success").asLong() + none.get("pending").asLong() + none.get("fail").asLong()).isZero();
        String earlier = URLEncoder.encode(Instant.now().minusSeconds(600).toString(), StandardCharsets.UTF_8);
        assertThat(server.api().get(stats + "?until=" + earlier).json().get("success").asLong()).isZero();
    }

    @Test
    void answers404ForStatsOfAnUnknownEndpoint() {
        assertThat(server.api().get(steps.app() + "/endpoint/ep_nope/stats").status()).isEqualTo(404);
        assertThat(server.api().get("/api/v1/app/app_nope/endpoint/ep_nope/stats").status()).isEqualTo(404);
    }
}
