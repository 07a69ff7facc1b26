package dev.herald.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.TestHerald;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Message creation remembers which application an id or uid named; a deleted or renamed application must never
 * receive a message through such a remembered lookup.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class MessageApplicationLookupTest {
    @Parameter
    TestHerald server;

    private String createApp(String uid) {
        var response = server.api().post("/api/v1/app", Map.of("name", "lookup", "uid", uid));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private int send(String appIdOrUid) {
        return server.api().post("/api/v1/app/" + appIdOrUid + "/msg", Map.of("eventType", "a", "payload", Map.of()))
                .status();
    }

    private long messagesOf(String appId) {
        return server.api().get("/api/v1/app/" + appId + "/msg").json().get("data").size();
    }

    @Test
    void aDeletedApplicationGetsNoMoreMessagesByIdOrUid() {
        String uid = "shop-" + UUID.randomUUID();
        String appId = createApp(uid);
        assertThat(send(uid)).isEqualTo(202);
        assertThat(send(appId)).isEqualTo(202);

        assertThat(server.api().delete("/api/v1/app/" + appId).status()).isEqualTo(204);

        assertThat(send(uid)).isEqualTo(404);
        assertThat(send(appId)).isEqualTo(404);
    }

    @Test
    void aUidGoesToTheApplicationThatHoldsItNow() {
        String uid = "shop-" + UUID.randomUUID();
        String first = createApp(uid);
        assertThat(send(uid)).isEqualTo(202);

        assertThat(server.api().delete("/api/v1/app/" + first).status()).isEqualTo(204);
        String second = createApp(uid);
        assertThat(send(uid)).isEqualTo(202);
        assertThat(messagesOf(second)).isEqualTo(1);

        var renamed = server.api().put("/api/v1/app/" + second, Map.of("name", "lookup", "uid", uid + "-old"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        String third = createApp(uid);
        assertThat(send(uid)).isEqualTo(202);
        assertThat(messagesOf(third)).isEqualTo(1);
        assertThat(messagesOf(second)).isEqualTo(1);
    }
}
