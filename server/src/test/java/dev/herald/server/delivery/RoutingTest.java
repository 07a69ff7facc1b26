package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.endpoint.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest {
    private static Endpoint endpoint(boolean disabled, List<String> types, List<String> channels) {
        return new Endpoint("ep_1", "app_1", null, "https://example.com", "", null, disabled, types, channels,
                Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void anEndpointWithoutFiltersGetsEverything() {
        assertThat(Routing.matches(endpoint(false, null, null), "user.created", null)).isTrue();
        assertThat(Routing.matches(endpoint(false, List.of(), null), "user.created", List.of("a"))).isTrue();
    }

    @Test
    void aDisabledEndpointGetsNothing() {
        assertThat(Routing.matches(endpoint(true, null, null), "user.created", null)).isFalse();
    }

    @Test
    void eventTypeFilterMustNameTheType() {
        var ep = endpoint(false, List.of("invoice.paid", "user.created"), null);
        assertThat(Routing.matches(ep, "user.created", null)).isTrue();
        assertThat(Routing.matches(ep, "user.deleted", null)).isFalse();
    }

    @Test
    void channelsMustOverlap() {
        var ep = endpoint(false, null, List.of("eu", "us"));
        assertThat(Routing.matches(ep, "t", List.of("us"))).isTrue();
        assertThat(Routing.matches(ep, "t", List.of("apac"))).isFalse();
    }

    @Test
    void aMessageWithoutChannelsNeverReachesAnEndpointWithChannels() {
        assertThat(Routing.matches(endpoint(false, null, List.of("eu")), "t", null)).isFalse();
    }
}
