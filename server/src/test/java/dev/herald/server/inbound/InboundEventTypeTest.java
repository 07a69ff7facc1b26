package dev.herald.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InboundEventTypeTest {

    private static String eventType(SourceConfig config, List<String> headers, String body) {
        return InboundEventType.of(InboundFixture.sourceOf(config), InboundFixture.requestOf(headers, body));
    }

    private static SourceConfig provider(String type) {
        return new SourceConfig.ProviderSecret(type, "s");
    }

    @Test
    void takesTheProvidersOwnName() {
        assertThat(eventType(provider("github"), List.of("x-github-event", "pull_request"), "{}"))
                .isEqualTo("pull_request");
        assertThat(eventType(provider("stripe"), List.of(), "{\"type\":\"customer.subscription.updated\"}"))
                .isEqualTo("customer.subscription.updated");
        assertThat(eventType(provider("slack"), List.of(), "{\"type\":\"event_callback\",\"event\":{\"type\":"
                + "\"reaction_added\"}}")).isEqualTo("reaction_added");
        assertThat(eventType(provider("slack"), List.of(), "{\"type\":\"url_verification\"}"))
                .isEqualTo("url_verification");
        assertThat(eventType(provider("svix"), List.of(), "{\"type\":\"invoice.created\"}"))
                .isEqualTo("invoice.created");
    }

    @Test
    void makesProviderNamesValidSvixEventTypes() {
        assertThat(eventType(provider("shopify"), List.of("X-Shopify-Topic", "orders/create"), "{}"))
                .isEqualTo("orders.create");
        assertThat(eventType(provider("github"), List.of("X-GitHub-Event", "x".repeat(300)), "{}")).hasSize(256);
    }

    @Test
    void fallsBackToTheSourceType() {
        assertThat(eventType(new SourceConfig.Unverified("generic-webhook"), List.of(), "{\"type\":\"ignored\"}"))
                .isEqualTo("inbound.generic-webhook");
        assertThat(eventType(provider("stripe"), List.of(), "not json")).isEqualTo("inbound.stripe");
        assertThat(eventType(provider("shopify"), List.of(), "")).isEqualTo("inbound.shopify");
        assertThat(eventType(provider("stripe"), List.of(), "{\"type\":42}")).isEqualTo("inbound.stripe");
    }
}
