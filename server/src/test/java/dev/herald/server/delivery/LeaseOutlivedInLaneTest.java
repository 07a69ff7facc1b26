package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's double delivery, end to end: a task that waits behind its endpoint's slow answers for longer than a
 * lease is still sent once. It takes half a minute, so it runs on one store; {@link FairSchedulingTest} pins the
 * lease rules themselves on both.
 */
class LeaseOutlivedInLaneTest {

    @Test
    void aTaskWaitingLongerThanItsLeaseIsSentOnce() throws Exception {
        // Concurrency 1 and 200 ms answers: the last of 130 messages waits about 26 s, longer than a lease
        // (request timeout + 20 s). Every message must arrive exactly once.
        try (TestHerald server = TestHerald.start(StoreKind.SQLITE, Map.of(Setting.REQUEST_TIMEOUT, "1s",
                Setting.ENDPOINT_CONCURRENCY, "1"));
             Receiver slow = Receiver.start().answering(n ->
                     new Receiver.Answer(200, "", Map.of(), Duration.ofMillis(200)))) {
            Api api = server.api();
            String app = FairDeliveryTest.app(api, "slow", slow.url("/slow"));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 130; i++) {
                ids.add(api.post("/api/v1/app/" + app + "/msg", FairDeliveryTest.event()).json().get("id").asText());
            }

            assertThat(slow.awaitWebhookIds(ids, FairDeliveryTest.WAIT)).hasSize(ids.size());
            List<String> received = slow.settle(Duration.ofSeconds(1)).stream()
                    .map(r -> r.header("webhook-id")).toList();
            assertThat(received).hasSize(ids.size()).doesNotHaveDuplicates();
        }
    }
}
