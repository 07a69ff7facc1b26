package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
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

/** An endpoint's throttleRate paces its deliveries, and an application's those of all its endpoints, on both stores. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ThrottledDeliveryTest {
    @Parameter
    StoreKind store;

    @Test
    void deliversNoFasterThanTheEndpointsThrottleRate() {
        try (TestHerald server = TestHerald.start(store); Receiver receiver = Receiver.start()) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "throttled")).json().get("id").asText();
            api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/slow"), "throttleRate", 5));

            for (int i = 0; i < 6; i++) {
                assertThat(api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}").status())
                        .isEqualTo(202);
            }

            List<Receiver.Received> arrivals = receiver.await(6, Duration.ofSeconds(20));
            // six sends at 5 per second take at least a second from first to last (less a little for the first
            // request's own travel time, which can only shorten the span)
            assertThat(Duration.between(arrivals.getFirst().at(), arrivals.getLast().at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(800));
        }
    }

    @Test
    void deliversNoFasterThanTheApplicationsThrottleRateOverAllItsEndpoints() {
        try (TestHerald server = TestHerald.start(store); Receiver receiver = Receiver.start()) {
            Api api = server.api();
            String app = api.post("/api/v1/app", Map.of("name", "throttled app", "throttleRate", 5)).json()
                    .get("id").asText();
            api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/first")));
            api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/second")));
            Instant beforeSending = Instant.now();

            for (int i = 0; i < 6; i++) {
                assertThat(api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}").status())
                        .isEqualTo(202);
            }

            List<Receiver.Received> arrivals = receiver.await(12, Duration.ofSeconds(30));
            assertThat(arrivals).filteredOn(r -> r.path().equals("/first")).hasSize(6);
            // twelve sends at 5 per second over both endpoints take twelve slots 200 ms apart, the first no earlier
            // than the first message, and no request leaves before its slot: the last arrives at least 2.2 s after
            // the sends began (a late request only lengthens that). Neither endpoint is throttled itself, so without
            // the application's rate all twelve would arrive at once.
            assertThat(Duration.between(beforeSending, arrivals.getLast().at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2_150));
        }
    }
}
