package dev.herald.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.TestHerald;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The message list's tag and channel filters match whole values exactly, on both stores alike. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class MessageFiltersApiTest {
    @Parameter
    TestHerald server;

    String appId;

    @BeforeEach
    void createApp() {
        appId = server.api().post("/api/v1/app", Map.of("name", "filters")).json().get("id").asText();
    }

    private String send(List<String> tags, List<String> channels) {
        var response = server.api().post("/api/v1/app/" + appId + "/msg",
                Map.of("eventType", "a", "payload", Map.of(), "tags", tags, "channels", channels));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("id").asText();
    }

    private List<String> listed(String query) {
        var response = server.api().get("/api/v1/app/" + appId + "/msg?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("data").spliterator(), false)
                .map(m -> m.get("id")).map(JsonNode::asText).toList();
    }

    @Test
    void tagFilterIsCaseSensitive() {
        String blue = send(List.of("Blue"), List.of("x"));
        String lower = send(List.of("blue"), List.of("x"));

        assertThat(listed("tag=Blue")).containsExactly(blue);
        assertThat(listed("tag=blue")).containsExactly(lower);
        assertThat(listed("tag=BLUE")).isEmpty();
    }

    @Test
    void channelFilterMatchesWholeChannelsOnly() {
        String eu = send(List.of("t"), List.of("eu", "EU-west"));
        send(List.of("t"), List.of("eu-west"));

        assertThat(listed("channel=eu")).containsExactly(eu);
        assertThat(listed("channel=EU-west")).containsExactly(eu);
        assertThat(listed("channel=e_")).isEmpty();
        assertThat(listed("channel=eu%25")).isEmpty();
    }
}
