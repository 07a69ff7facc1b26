package dev.herald.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** send-example: a real message with an example payload, delivered to one endpoint only. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SendExampleTest extends ReceiverPerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Api.Response sendExample(String endpointId, Object body) {
        return server.api().post(steps.app() + "/endpoint/" + endpointId + "/send-example", body);
    }

    @Test
    void deliversSvixPingToThatEndpointOnly() throws Exception {
        String target = steps.endpoint(receiver.url("/target"));
        steps.endpoint(receiver.url("/other"));

        var response = sendExample(target, Map.of("eventType", "svix.ping"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("id").asText()).startsWith("msg_");
        assertThat(response.json().get("eventType").asText()).isEqualTo("svix.ping");
        assertThat(response.json().get("payload")).isEqualTo(JSON.readTree("{\"success\": true}"));
        Receiver.Received request = receiver.await(1, Steps.WAIT).get(0);
        assertThat(request.path()).isEqualTo("/target");
        assertThat(request.header("webhook-id")).isEqualTo(response.json().get("id").asText());
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"success\": true}"));
        assertThat(receiver.settle(Duration.ofMillis(300))).hasSize(1);
    }

    @Test
    void sendsTheChosenExampleOfTheEventTypesSchema() throws Exception {
        steps.eventType("invoice.paid", Map.of("1", Map.of("type", "object",
                "examples", List.of(Map.of("invoice", 1), Map.of("invoice", 2)))));
        String endpointId = steps.endpoint(receiver.url("/hook"));

        assertThat(sendExample(endpointId, Map.of("eventType", "invoice.paid")).status()).isEqualTo(202);
        assertThat(sendExample(endpointId, Map.of("eventType", "invoice.paid", "exampleIndex", 1)).status())
                .isEqualTo(202);

        List<JsonNode> bodies = receiver.await(2, Steps.WAIT).stream().map(r -> read(r.bodyText())).toList();
        assertThat(bodies).containsExactlyInAnyOrder(JSON.readTree("{\"invoice\":1}"),
                JSON.readTree("{\"invoice\":2}"));
    }

    @Test
    void refusesEventTypesWithoutExamplesAndBadBodiesWith422() {
        steps.eventType("plain.event", Map.of("1", Map.of("type", "object")));
        steps.eventType("one.example", Map.of("1", Map.of("examples", List.of(Map.of()))));
        String endpointId = steps.endpoint(receiver.url("/hook"));

        for (Object body : List.of(Map.of("eventType", "plain.event"), Map.of("eventType", "never.defined"),
                Map.of("eventType", "one.example", "exampleIndex", 3), Map.of("exampleIndex", 0),
                Map.of("eventType", "svix.ping", "exampleIndex", -1), Map.of("eventType", 7), "[]")) {
            var response = sendExample(endpointId, body);
            assertThat(response.status()).as(String.valueOf(body)).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("msg").asText()).isNotBlank();
        }
        assertThat(sendExample(endpointId, "{not json").status()).isEqualTo(400);
        assertThat(receiver.settle(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void answers404ForAnUnknownEndpointAnd409ForADisabledOne() {
        String disabled = steps.endpoint(receiver.url("/hook"), Map.of("disabled", true));

        assertThat(sendExample("ep_nope", Map.of("eventType", "svix.ping")).status()).isEqualTo(404);
        assertThat(sendExample(disabled, Map.of("eventType", "svix.ping")).status()).isEqualTo(409);
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
