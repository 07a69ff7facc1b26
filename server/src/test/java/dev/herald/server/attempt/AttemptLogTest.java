package dev.herald.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Receiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The attempt log over real HTTP: what each try returned, listed by message and by endpoint, and filtered. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStoreRetryingAfterOneSecond")
class AttemptLogTest extends ReceiverPerTest {

    /** An endpoint that answers 500 "boom" once, then 200 "ok", and one message delivered to it. */
    private record FailThenSucceed(String endpointId, String msgId) {
    }

    private FailThenSucceed failThenSucceed() {
        receiver.answering(n -> n == 0 ? new Receiver.Answer(500, "boom", Map.of(), Duration.ZERO)
                : new Receiver.Answer(200, "ok", Map.of(), Duration.ZERO));
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("user.created", "{\"n\":1}");
        steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 2);
        return new FailThenSucceed(endpointId, msgId);
    }

    @Test
    void recordsAFailedThenASuccessfulAttemptNewestFirst() {
        FailThenSucceed sent = failThenSucceed();

        JsonNode attempts = server.api().get(steps.app() + "/attempt/msg/" + sent.msgId()).json().get("data");

        assertThat(attempts).hasSize(2);
        JsonNode success = attempts.get(0);
        JsonNode failure = attempts.get(1);
        assertThat(success.get("responseStatusCode").asInt()).isEqualTo(200);
        assertThat(success.get("status").asInt()).isEqualTo(0);
        assertThat(success.get("statusText").asText()).isEqualTo("success");
        assertThat(success.get("response").asText()).isEqualTo("ok");
        assertThat(failure.get("responseStatusCode").asInt()).isEqualTo(500);
        assertThat(failure.get("status").asInt()).isEqualTo(2);
        assertThat(failure.get("statusText").asText()).isEqualTo("fail");
        assertThat(failure.get("response").asText()).isEqualTo("boom");
        for (JsonNode attempt : attempts) {
            assertThat(attempt.get("id").asText()).startsWith("atmpt_");
            assertThat(attempt.get("msgId").asText()).isEqualTo(sent.msgId());
            assertThat(attempt.get("endpointId").asText()).isEqualTo(sent.endpointId());
            assertThat(attempt.get("url").asText()).isEqualTo(receiver.url("/hook"));
            assertThat(attempt.get("triggerType").asInt()).isEqualTo(0);
            assertThat(attempt.get("responseDurationMs").asLong()).isNotNegative();
            assertThat(Instant.parse(attempt.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(attempt.has("msg")).isFalse();
        }
    }

    @Test
    void listsTheSameAttemptsByEndpoint() {
        FailThenSucceed sent = failThenSucceed();

        JsonNode byMessage = server.api().get(steps.app() + "/attempt/msg/" + sent.msgId()).json().get("data");
        JsonNode byEndpoint = server.api().get(steps.app() + "/attempt/endpoint/" + sent.endpointId() + "/").json().get("data");

        assertThat(ids(byEndpoint)).isEqualTo(ids(byMessage)).hasSize(2);
    }

    @Test
    void keepsAtMost20000BytesOfTheResponseBody() {
        receiver.answering(n -> new Receiver.Answer(200, "x".repeat(30_000), Map.of(), Duration.ZERO));
        steps.endpoint(receiver.url("/big"));
        String msgId = steps.send("a", "{}");

        JsonNode attempt = steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 1).get("data").get(0);

        assertThat(attempt.get("response").asText()).hasSize(20_000);
    }

    @Test
    void filtersAttemptsByStatusAndStatusCodeClass() {
        FailThenSucceed sent = failThenSucceed();
        String base = steps.app() + "/attempt/endpoint/" + sent.endpointId();

        assertThat(codes(server.api().get(base + "?status=2").json())).containsExactly(500);
        assertThat(codes(server.api().get(base + "?status=0").json())).containsExactly(200);
        assertThat(codes(server.api().get(base + "?status_code_class=500").json())).containsExactly(500);
        assertThat(codes(server.api().get(base + "?status_code_class=200").json())).containsExactly(200);
        assertThat(codes(server.api().get(base + "?status_code_class=400").json())).isEmpty();
    }

    @Test
    void filtersAttemptsByTime() {
        Instant before = Instant.now().minusSeconds(2);
        FailThenSucceed sent = failThenSucceed();
        String base = steps.app() + "/attempt/msg/" + sent.msgId();

        assertThat(server.api().get(base + "?after=" + encode(before)).json().get("data")).hasSize(2);
        assertThat(server.api().get(base + "?before=" + encode(before)).json().get("data")).isEmpty();
        assertThat(server.api().get(base + "?after=" + encode(Instant.now().plusSeconds(60))).json().get("data")).isEmpty();
    }

    @Test
    void filtersAttemptsByTheMessagesEventTypeAndChannel() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        steps.send("{\"eventType\":\"user.created\",\"payload\":{},\"channels\":[\"eu\"]}");
        steps.send("{\"eventType\":\"invoice.paid\",\"payload\":{}}");
        String base = steps.app() + "/attempt/endpoint/" + endpointId;
        steps.awaitList(base, 2);

        assertThat(server.api().get(base + "?event_types=invoice.paid").json().get("data")).hasSize(1);
        assertThat(server.api().get(base + "?event_types=invoice.paid,user.created").json().get("data")).hasSize(2);
        assertThat(server.api().get(base + "?channel=eu").json().get("data")).hasSize(1);
        assertThat(server.api().get(base + "?channel=us").json().get("data")).isEmpty();
    }

    @Test
    void filtersAttemptsOfAMessageByEndpoint() {
        String first = steps.endpoint(receiver.url("/one"));
        steps.endpoint(receiver.url("/two"));
        String msgId = steps.send("a", "{}");
        steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 2);

        JsonNode data = server.api().get(steps.app() + "/attempt/msg/" + msgId + "?endpoint_id=" + first).json().get("data");

        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("endpointId").asText()).isEqualTo(first);
    }

    @Test
    void includesTheMessageWhenAskedWithMsg() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("a", "{\"k\":\"v\"}");
        steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 1);

        JsonNode attempt = server.api().get(steps.app() + "/attempt/endpoint/" + endpointId + "?with_msg=true").json()
                .get("data").get(0);

        assertThat(attempt.get("msg").get("id").asText()).isEqualTo(msgId);
        assertThat(attempt.get("msg").get("payload").get("k").asText()).isEqualTo("v");
    }

    @Test
    void paginatesNewestFirst() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        for (int i = 0; i < 3; i++) {
            steps.send("a", "{}");
        }
        String base = steps.app() + "/attempt/endpoint/" + endpointId;
        List<String> all = ids(steps.awaitList(base, 3).get("data"));

        JsonNode first = server.api().get(base + "?limit=2").json();
        JsonNode second = server.api().get(base + "?limit=2&iterator=" + first.get("iterator").asText()).json();

        assertThat(all).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(first.get("done").asBoolean()).isFalse();
        assertThat(second.get("done").asBoolean()).isTrue();
        List<String> paged = new ArrayList<>(ids(first.get("data")));
        paged.addAll(ids(second.get("data")));
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void returnsOneAttemptAndExpungesItsResponseBody() {
        receiver.answering(n -> new Receiver.Answer(200, "secret token", Map.of(), Duration.ZERO));
        steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("a", "{}");
        String attemptId = steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 1).get("data").get(0)
                .get("id").asText();
        String path = steps.app() + "/msg/" + msgId + "/attempt/" + attemptId;

        assertThat(server.api().get(path).json().get("response").asText()).isEqualTo("secret token");
        assertThat(server.api().delete(path + "/content").status()).isEqualTo(204);
        assertThat(server.api().get(path).json().get("response").asText()).isEqualTo("EXPUNGED");
    }

    @Test
    void answers404ForUnknownApplicationMessageEndpointOrAttempt() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("a", "{}");

        assertThat(server.api().get("/api/v1/app/app_nope/attempt/msg/" + msgId).status()).isEqualTo(404);
        assertThat(server.api().get(steps.app() + "/attempt/msg/msg_nope").status()).isEqualTo(404);
        assertThat(server.api().get(steps.app() + "/attempt/endpoint/ep_nope").status()).isEqualTo(404);
        assertThat(server.api().get(steps.app() + "/attempt/msg/" + msgId + "?endpoint_id=ep_nope").status()).isEqualTo(404);
        assertThat(server.api().get(steps.app() + "/msg/" + msgId + "/attempt/atmpt_nope").status()).isEqualTo(404);
        assertThat(server.api().delete(steps.app() + "/msg/" + msgId + "/attempt/atmpt_nope/content").status())
                .isEqualTo(404);
        assertThat(server.api().get(steps.app() + "/endpoint/ep_nope/msg").status()).isEqualTo(404);
        assertThat(server.api().get(steps.app() + "/msg/msg_nope/endpoint").status()).isEqualTo(404);
        assertThat(server.api().get(steps.app() + "/attempt/endpoint/" + endpointId).status()).isEqualTo(200);
    }

    @Test
    void refusesBadQueryValuesWith422() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String base = steps.app() + "/attempt/endpoint/" + endpointId;

        for (String query : List.of("status=9", "status=x", "status_code_class=250", "limit=1000",
                "before=yesterday", "with_content=maybe")) {
            var response = server.api().get(base + "?" + query);
            assertThat(response.status()).as(query).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("loc").get(0).asText()).isEqualTo("query");
        }
    }

    private static List<String> ids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(item -> out.add(item.get("id").asText()));
        return out;
    }

    private static List<Integer> codes(JsonNode page) {
        List<Integer> out = new ArrayList<>();
        page.get("data").forEach(item -> out.add(item.get("responseStatusCode").asInt()));
        return out;
    }

    private static String encode(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }
}
