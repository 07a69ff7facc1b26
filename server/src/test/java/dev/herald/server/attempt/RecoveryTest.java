package dev.herald.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Receiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manual attempts over real HTTP: resend, recover and replay-missing (with their background tasks). One retry a
 * second after the first try, so a message to a failing endpoint has failed for good within seconds.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStoreRetryingAfterOneSecond")
class RecoveryTest extends ReceiverPerTest {

    private String resendPath(String msgId, String endpointId) {
        return steps.app() + "/msg/" + msgId + "/endpoint/" + endpointId + "/resend";
    }

    private Map<String, Object> window(Instant since) {
        return Map.of("since", since.toString());
    }

    /** Sends a message the endpoint keeps refusing, and waits until its delivery has failed for good. */
    private String failedMessage(String endpointId) {
        String msgId = steps.send("a", "{\"failed\":true}");
        steps.await(steps.app() + "/endpoint/" + endpointId + "/msg?status=2",
                json -> json.get("data").findValuesAsText("id").contains(msgId));
        return msgId;
    }

    @Test
    void resendMakesOneManualAttemptWithTheSameWebhookId() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("a", "{}");
        steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 1);

        var response = server.api().post(resendPath(msgId, endpointId), null);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().isObject()).isTrue();
        assertThat(response.json().size()).isZero();
        List<Receiver.Received> received = receiver.await(2, Steps.WAIT);
        assertThat(received.get(1).header("webhook-id")).isEqualTo(msgId);
        JsonNode attempts = steps.awaitList(steps.app() + "/attempt/msg/" + msgId, 2).get("data");
        assertThat(attempts.get(0).get("triggerType").asInt()).isEqualTo(1);
        assertThat(attempts.get(1).get("triggerType").asInt()).isEqualTo(0);
    }

    @Test
    void resendRefusesAMessageWhosePayloadIsGone() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("a", "{}");
        receiver.await(1, Steps.WAIT);
        assertThat(server.api().delete(steps.app() + "/msg/" + msgId + "/content").status()).isEqualTo(204);

        var response = server.api().post(resendPath(msgId, endpointId), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("missing_payload");
    }

    @Test
    void resendRefusesADisabledEndpoint() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("a", "{}");
        receiver.await(1, Steps.WAIT);
        server.api().patch(steps.app() + "/endpoint/" + endpointId, Map.of("disabled", true));

        var response = server.api().post(resendPath(msgId, endpointId), null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asText()).contains("disabled");
        assertThat(receiver.settle(Duration.ofMillis(300))).hasSize(1);
    }

    @Test
    void resendAnswers404ForUnknownThingsAndForAnEndpointTheMessageNeverWentTo() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String msgId = steps.send("a", "{}");
        receiver.await(1, Steps.WAIT);
        String newcomer = steps.endpoint(receiver.url("/new"));

        assertThat(server.api().post(resendPath(msgId, newcomer), null).status()).isEqualTo(404);
        assertThat(server.api().post(resendPath("msg_nope", endpointId), null).status()).isEqualTo(404);
        assertThat(server.api().post(resendPath(msgId, "ep_nope"), null).status()).isEqualTo(404);
        assertThat(server.api().post("/api/v1/app/app_nope/msg/" + msgId + "/endpoint/" + endpointId + "/resend", null)
                .status()).isEqualTo(404);
    }

    @Test
    void recoverResendsOnlyTheFailedMessagesOfTheWindow() {
        Instant start = Instant.now().minusSeconds(1);
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String delivered = steps.send("a", "{}");
        receiver.await(1, Steps.WAIT);
        receiver.answering(n -> Receiver.Answer.status(500));
        String failed = failedMessage(endpointId);
        receiver.answering(n -> Receiver.Answer.status(200));
        String recover = steps.app() + "/endpoint/" + endpointId + "/recover";

        JsonNode outside = server.api().post(recover, window(Instant.now().plusSeconds(1))).json();
        assertThat(steps.awaitTask(outside.get("id").asText()).get("data").get("messagesSent").asInt()).isZero();
        var response = server.api().post(recover, window(start));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("id").asText()).startsWith("qtask_");
        assertThat(response.json().get("status").asText()).isEqualTo("running");
        assertThat(response.json().get("task").asText()).isEqualTo("endpoint.recover");
        assertThat(response.json().get("updatedAt").isTextual()).isTrue();
        JsonNode task = steps.awaitTask(response.json().get("id").asText());
        assertThat(task.get("status").asText()).isEqualTo("finished");
        assertThat(task.get("data").get("messagesSent").asInt()).isEqualTo(1);
        receiver.await(3, r -> failed.equals(r.header("webhook-id")), Steps.WAIT); // two scheduled, one recovered
        assertThat(receiver.settle(Duration.ofMillis(300)).stream()
                .filter(r -> delivered.equals(r.header("webhook-id")))).hasSize(1);
        JsonNode latest = server.api().get(steps.app() + "/attempt/msg/" + failed).json().get("data").get(0);
        assertThat(latest.get("triggerType").asInt()).isEqualTo(1);
        assertThat(latest.get("status").asInt()).isEqualTo(0);
    }

    @Test
    void replayMissingSendsMessagesFromBeforeTheEndpointExistedThatItsFiltersMatch() {
        Instant start = Instant.now().minusSeconds(1);
        steps.eventType("invoice.paid", null);
        steps.eventType("user.created", null);
        String wanted = steps.send("invoice.paid", "{\"early\":true}");
        String unwanted = steps.send("user.created", "{}");
        String endpointId = steps.endpoint(receiver.url("/late"), Map.of("eventTypes", List.of("invoice.paid")));

        var response = server.api().post(steps.app() + "/endpoint/" + endpointId + "/replay-missing", window(start));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("task").asText()).isEqualTo("endpoint.replay");
        JsonNode task = steps.awaitTask(response.json().get("id").asText());
        assertThat(task.get("status").asText()).isEqualTo("finished");
        assertThat(task.get("data").get("messagesSent").asInt()).isEqualTo(1);
        Receiver.Received request = receiver.await(1, Steps.WAIT).get(0);
        assertThat(request.header("webhook-id")).isEqualTo(wanted);
        assertThat(request.bodyText()).isEqualTo("{\"early\":true}");
        assertThat(receiver.settle(Duration.ofMillis(300))).extracting(r -> r.header("webhook-id"))
                .containsExactly(wanted).doesNotContain(unwanted);
    }

    @Test
    void replayMissingLeavesMessagesTheEndpointAlreadyHad() {
        Instant start = Instant.now().minusSeconds(1);
        String endpointId = steps.endpoint(receiver.url("/hook"));
        steps.send("a", "{}");
        receiver.await(1, Steps.WAIT);

        JsonNode task = steps.awaitTask(server.api().post(steps.app() + "/endpoint/" + endpointId + "/replay-missing",
                window(start)).json().get("id").asText());

        assertThat(task.get("data").get("messagesSent").asInt()).isZero();
        assertThat(receiver.settle(Duration.ofMillis(300))).hasSize(1);
    }

    @Test
    void listsBackgroundTasksAndAnswers404ForAnUnknownOne() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String id = server.api().post(steps.app() + "/endpoint/" + endpointId + "/recover", window(Instant.now()))
                .json().get("id").asText();
        steps.awaitTask(id);

        JsonNode list = server.api().get("/api/v1/background-task?task=endpoint.recover&status=finished").json();

        assertThat(list.get("data").findValuesAsText("id")).contains(id);
        assertThat(server.api().get("/api/v1/background-task/qtask_nope").status()).isEqualTo(404);
        assertThat(server.api().get("/api/v1/background-task?status=sleeping").status()).isEqualTo(422);
    }

    @Test
    void refusesBadWindowsWith422Or400() {
        String endpointId = steps.endpoint(receiver.url("/hook"));
        String recover = steps.app() + "/endpoint/" + endpointId + "/recover";
        String replay = steps.app() + "/endpoint/" + endpointId + "/replay-missing";

        for (String path : List.of(recover, replay)) {
            assertThat(server.api().post(path, "{}").status()).isEqualTo(422);
            assertThat(server.api().post(path, "{\"since\":\"last week\"}").status()).isEqualTo(422);
            assertThat(server.api().post(path, "{\"since\":5}").status()).isEqualTo(422);
            assertThat(server.api().post(path, Map.of("since", "2024-01-02T00:00:00Z", "until", "2024-01-01T00:00Z"))
                    .status()).isEqualTo(422);
            assertThat(server.api().post(path, "[]").status()).isEqualTo(422);
            assertThat(server.api().post(path, "{").status()).isEqualTo(400);
            assertThat(server.api().post(path, "").status()).isEqualTo(422);
        }
        assertThat(server.api().post(steps.app() + "/endpoint/ep_nope/recover", window(Instant.now())).status())
                .isEqualTo(404);
    }

    @Test
    void refusesToRecoverToADisabledEndpoint() {
        String endpointId = steps.endpoint(receiver.url("/hook"), Map.of("disabled", true));

        var response = server.api().post(steps.app() + "/endpoint/" + endpointId + "/recover", window(Instant.now()));

        assertThat(response.status()).isEqualTo(409);
    }
}
