package dev.herald.server.eventtype;

import static org.assertj.core.api.Assertions.assertThat;

import com.svix.Svix;
import com.svix.api.EventTypeListOptions;
import com.svix.models.EventTypeIn;
import com.svix.models.EventTypeOut;
import com.svix.models.EventTypePatch;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Event type groups, feature flags and the list's {@code with_content}, through the official Svix Java SDK. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SvixSdkEventTypesTest {
    @Parameter
    TestHerald server;

    Svix svix;

    @BeforeEach
    void setUp() {
        svix = SvixClients.connect(server);
    }

    private static String unique(String name) {
        return name + "." + System.nanoTime();
    }

    @Test
    void storesAndReturnsGroupNameAndFeatureFlags() throws Exception {
        String name = unique("invoice.paid");

        svix.getEventType().create(new EventTypeIn().name(name).description("paid").groupName("billing")
                .featureFlags(Set.of("beta-billing", "eu.only")));
        EventTypeOut read = svix.getEventType().get(name);

        assertThat(read.getGroupName()).isEqualTo("billing");
        assertThat(read.getFeatureFlags()).containsExactlyInAnyOrder("beta-billing", "eu.only");
        assertThat(read.getFeatureFlag()).isIn("beta-billing", "eu.only");
    }

    @Test
    void theOlderSingleFeatureFlagIsAListOfOne() throws Exception {
        String name = unique("user.created");

        EventTypeOut created = svix.getEventType().create(new EventTypeIn().name(name).description("created")
                .featureFlag("beta"));

        assertThat(created.getFeatureFlag()).isEqualTo("beta");
        assertThat(created.getFeatureFlags()).containsExactly("beta");
    }

    @Test
    void patchingFeatureFlagsReplacesThemAndKeepsTheGroup() throws Exception {
        String name = unique("order.shipped");
        svix.getEventType().create(new EventTypeIn().name(name).description("shipped").groupName("orders")
                .featureFlags(Set.of("old")));

        EventTypeOut patched = svix.getEventType().patch(name, new EventTypePatch().featureFlags(Set.of("new")));

        assertThat(patched.getFeatureFlags()).containsExactly("new");
        assertThat(patched.getGroupName()).isEqualTo("orders");
    }

    @Test
    void anExplicitNullClearsFeatureFlagsAndGroup() throws Exception {
        String name = unique("order.cancelled");
        svix.getEventType().create(new EventTypeIn().name(name).description("cancelled").groupName("orders")
                .featureFlags(Set.of("beta")));

        var cleared = server.api().patch("/api/v1/event-type/" + name, "{\"featureFlags\": null, \"groupName\": null}");

        assertThat(cleared.status()).isEqualTo(200);
        EventTypeOut read = svix.getEventType().get(name);
        assertThat(read.getFeatureFlags()).isNullOrEmpty();
        assertThat(read.getFeatureFlag()).isNull();
        assertThat(read.getGroupName()).isNull();
    }

    @Test
    void listLeavesOutSchemasUnlessAskedWithContent() throws Exception {
        String name = unique("schema.type");
        svix.getEventType().create(new EventTypeIn().name(name).description("d")
                .schemas(Map.of("1", Map.of("type", "object"))));
        EventTypeListOptions withContent = new EventTypeListOptions();
        withContent.setLimit(250L);
        withContent.setWithContent(true);
        EventTypeListOptions byDefault = new EventTypeListOptions();
        byDefault.setLimit(250L);

        List<EventTypeOut> full = svix.getEventType().list(withContent).getData();
        List<EventTypeOut> bare = svix.getEventType().list(byDefault).getData();

        assertThat(full).filteredOn(t -> t.getName().equals(name)).singleElement()
                .satisfies(t -> assertThat(t.getSchemas()).isNotNull());
        assertThat(bare).filteredOn(t -> t.getName().equals(name)).singleElement()
                .satisfies(t -> assertThat(t.getSchemas()).isNull());
    }
}
