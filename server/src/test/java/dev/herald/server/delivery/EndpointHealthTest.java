package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Endpoints that keep failing are disabled, and operators hear about it through operational webhooks. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class EndpointHealthTest {
    @Parameter
    StoreKind store;

    @Test
    void disablesEndpointAfterContinuousFailureAndRaisesEndpointDisabled() throws Exception {
        try (TestHerald server = TestHerald.start(store, Map.of(Setting.RETRY_SCHEDULE, "1s,1s,1s,1s,1s,1s,1s,1s",
                Setting.DISABLE_AFTER, "2s"));
             Receiver failing = Receiver.start().answering(n -> Receiver.Answer.status(500));
             Receiver operator = Receiver.start()) {
            Api api = server.api();
            api.post("/api/v1/event-type", Map.of("name", "endpoint.disabled", "description", "operational"));
            api.post("/api/v1/app", Map.of("name", "ops", "uid", "herald-operational"));
            assertThat(api.post("/api/v1/app/herald-operational/endpoint", Map.of("url", operator.url("/ops"),
                    "filterTypes", List.of("endpoint.disabled"))).status()).isEqualTo(201);
            String app = api.post("/api/v1/app", Map.of("name", "customer")).json().get("id").asText();
            String ep = api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", failing.url("/down")))
                    .json().get("id").asText();

            api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}");

            var event = operator.await(1, Duration.ofSeconds(30)).get(0);
            assertThat(event.bodyText()).contains("\"type\":\"endpoint.disabled\"").contains(ep);
            assertThat(api.get("/api/v1/app/" + app + "/endpoint/" + ep).json().get("disabled").asBoolean()).isTrue();
            int attempts = failing.received().size();
            assertThat(attempts).isGreaterThanOrEqualTo(3);
            assertThat(failing.settle(Duration.ofMillis(2500))).hasSize(attempts);
        }
    }

    @Test
    void goneDisablesTheEndpointAtOnce() {
        try (TestHerald server = TestHerald.start(store, Map.of(Setting.RETRY_SCHEDULE, "1s,1s,1s"));
             Receiver gone = Receiver.start().answering(n -> Receiver.Answer.status(410))) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "gone")).json().get("id").asText();
            String ep = api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", gone.url("/gone")))
                    .json().get("id").asText();

            api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}");
            gone.await(1, Duration.ofSeconds(20));

            assertThat(gone.settle(Duration.ofMillis(2500))).hasSize(1);
            assertThat(api.get("/api/v1/app/" + app + "/endpoint/" + ep).json().get("disabled").asBoolean()).isTrue();
        }
    }

    @Test
    void goneAnsweredToManyDeliveriesAtOnceRecordsEveryAttempt() {
        try (TestHerald server = TestHerald.start(store, Map.of(Setting.RETRY_SCHEDULE, "1s,1s,1s"));
             Receiver gone = Receiver.start().answering(n -> new Receiver.Answer(410, "gone", Map.of(),
                     Duration.ofSeconds(1)))) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "gone")).json().get("id").asText();
            String ep = api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", gone.url("/gone")))
                    .json().get("id").asText();

            // posted together, so that the answers come back together, a second later
            try (var posters = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 20; i++) {
                    posters.submit(() -> api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}"));
                }
            }
            int sent = gone.settle(Duration.ofMillis(2500)).size();

            // the answers are recorded in transactions of their own, racing the one that disables the endpoint
            // and cancels its other tasks: none may be lost to a deadlock between them
            assertThat(sent).isGreaterThan(1);
            var attempts = api.get("/api/v1/app/" + app + "/attempt/endpoint/" + ep + "?limit=100").json().get("data");
            assertThat(attempts).hasSize(sent);
            assertThat(api.get("/api/v1/app/" + app + "/endpoint/" + ep).json().get("disabled").asBoolean()).isTrue();
        }
    }

    @Test
    void idempotencyKeyMakesARetriedCreateDeliverOnce() {
        try (TestHerald server = TestHerald.start(store); Receiver receiver = Receiver.start()) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "idem")).json().get("id").asText();
            api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/once")));
            Api keyed = api.withHeader("idempotency-key", "retry-me");

            var first = keyed.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}");
            var retried = keyed.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}");

            assertThat(first.status()).isEqualTo(202);
            assertThat(retried.status()).isEqualTo(202);
            assertThat(retried.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
            receiver.await(1, Duration.ofSeconds(20));
            assertThat(receiver.settle(Duration.ofMillis(1000))).hasSize(1);
        }
    }

    @Test
    void aRepeatedEventIdIsRefusedWith409() {
        try (TestHerald server = TestHerald.start(store)) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "events")).json().get("id").asText();
            String body = "{\"eventType\":\"a\",\"eventId\":\"evt-1\",\"payload\":{}}";

            assertThat(api.post("/api/v1/app/" + app + "/msg", body).status()).isEqualTo(202);
            var again = api.post("/api/v1/app/" + app + "/msg", body);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("conflict");
            assertThat(api.get("/api/v1/app/" + app + "/msg/evt-1").status()).isEqualTo(200);
        }
    }
}
