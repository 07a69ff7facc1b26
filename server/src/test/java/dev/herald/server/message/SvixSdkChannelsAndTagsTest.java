package dev.herald.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Svix;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.EndpointIn;
import com.svix.models.MessageIn;
import com.svix.models.MessageOut;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Message channels and tags follow Svix's limits and patterns, through the official Svix Java SDK. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SvixSdkChannelsAndTagsTest {
    @Parameter
    TestHerald server;

    Svix svix;
    Receiver receiver;
    String appId;

    @BeforeEach
    void setUp() throws Exception {
        svix = SvixClients.connect(server);
        receiver = Receiver.start();
        appId = svix.getApplication().create(new ApplicationIn().name("channels")).getId();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private MessageIn message() {
        return new MessageIn().eventType("project.updated").payload("{\"n\":1}");
    }

    private static Set<String> channels(int count) {
        return IntStream.range(0, count).mapToObj(i -> "project:" + i + "+beta")
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void assertRefused(MessageIn in, String field) {
        assertThatThrownBy(() -> svix.getMessage().create(appId, in))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseBody()).contains(field);
                });
    }

    @Test
    void aMessageOnChannelProjectColonOneReachesOnlyTheEndpointSubscribedToIt() throws Exception {
        svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(receiver.url("/one")))
                .channels(Set.of("project:1")));
        svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(receiver.url("/two")))
                .channels(Set.of("project:2", "team+ops")));

        svix.getMessage().create(appId, message().channels(Set.of("project:1")));

        receiver.await(1, Duration.ofSeconds(30));
        assertThat(receiver.settle(Duration.ofMillis(500))).extracting(Receiver.Received::path).containsExactly("/one");
    }

    @Test
    void acceptsTenChannelsOnAMessageAndAnEndpoint() throws Exception {
        MessageOut sent = svix.getMessage().create(appId, message().channels(channels(10)));
        String endpoint = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(receiver.url("/ten")))
                .channels(channels(10))).getId();

        assertThat(sent.getChannels()).containsExactlyInAnyOrderElementsOf(channels(10));
        assertThat(svix.getEndpoint().get(appId, endpoint).getChannels())
                .containsExactlyInAnyOrderElementsOf(channels(10));
    }

    @Test
    void refusesElevenChannelsOnAMessage() {
        assertRefused(message().channels(channels(11)), "channels");
    }

    @Test
    void refusesElevenChannelsOnAnEndpoint() {
        assertThatThrownBy(() -> svix.getEndpoint().create(appId, new EndpointIn()
                .url(URI.create(receiver.url("/eleven"))).channels(channels(11))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void refusesAChannelOutsideSvixsPattern() {
        assertRefused(message().channels(Set.of("project 1")), "channels");
    }

    @Test
    void acceptsTagsInSvixsPatternAndNoneAtAll() throws Exception {
        Set<String> tags = Set.of("a/b", "release#3", "team\\ops", "v1.2-rc_1");

        MessageOut tagged = svix.getMessage().create(appId, message().tags(tags));
        MessageOut untagged = svix.getMessage().create(appId, message().tags(Set.of()));

        assertThat(tagged.getTags()).containsExactlyInAnyOrderElementsOf(tags);
        assertThat(untagged.getTags()).isNullOrEmpty();
    }

    @Test
    void refusesATagOutsideSvixsPattern() {
        assertRefused(message().tags(Set.of("project:1")), "tags");
    }

    @Test
    void refusesMoreThanFiveTags() {
        assertRefused(message().tags(Set.of("a", "b", "c", "d", "e", "f")), "tags");
    }
}
