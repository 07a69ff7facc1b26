package dev.herald.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which provider id a repeated delivery is recognised by, per source type. */
class DeliveryIdTest {

    private static Optional<String> deliveryId(String type, List<String> headers, String body) {
        SourceConfig config = type.equals(SourceTypes.GENERIC_WEBHOOK) ? new SourceConfig.Unverified(type)
                : new SourceConfig.ProviderSecret(type, "s");
        return DeliveryId.of(InboundFixture.sourceOf(config), InboundFixture.requestOf(headers, body));
    }

    @Test
    void takesEachProvidersOwnDeliveryId() {
        assertThat(deliveryId("svix", List.of("webhook-id", "msg_1"), "{}")).contains("msg_1");
        assertThat(deliveryId("clerk", List.of("svix-id", "msg_2"), "{}")).contains("msg_2");
        assertThat(deliveryId("github", List.of("x-github-delivery", "72d3162e"), "{}")).contains("72d3162e");
        assertThat(deliveryId("shopify", List.of("X-Shopify-Webhook-Id", "b54557e4"), "{}")).contains("b54557e4");
        assertThat(deliveryId("stripe", List.of(), "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}")).contains("evt_1");
        assertThat(deliveryId("slack", List.of("X-Slack-Retry-Num", "1"), "{\"event_id\":\"Ev1\"}")).contains("Ev1");
        assertThat(deliveryId("airwallex", List.of(), "{\"id\":\"evt_9\",\"name\":\"refund.settled\"}"))
                .contains("evt_9");
    }

    @Test
    void namesNoneWhereTheProviderSendsNone() {
        assertThat(deliveryId("generic-webhook", List.of("webhook-id", "msg_1"), "{\"id\":\"x\"}")).isEmpty();
        assertThat(deliveryId("slack", List.of(), "{\"type\":\"url_verification\",\"challenge\":\"c\"}")).isEmpty();
        assertThat(deliveryId("stripe", List.of(), "not json")).isEmpty();
        assertThat(deliveryId("stripe", List.of(), "{\"id\":42}")).isEmpty();
        assertThat(deliveryId("github", List.of("X-GitHub-Delivery", "  "), "{}")).isEmpty();
        assertThat(deliveryId("zoom", List.of("webhook-id", "msg_1"), "{\"event\":\"meeting.started\"}")).isEmpty();
        assertThat(deliveryId("docusign", List.of(), "{\"event\":\"envelope-sent\"}")).isEmpty();
    }

    @Test
    void keepsAVeryLongIdAsItsHash() {
        assertThat(deliveryId("svix", List.of("webhook-id", "x".repeat(5000)), "{}")).get().asString()
                .startsWith("sha256:").hasSize("sha256:".length() + 64);
    }
}
