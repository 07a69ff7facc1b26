package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.AttemptLog;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import dev.herald.server.testing.TestResolver;
import java.net.Inet6Address;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host name whose AAAA record is {@code ::ffff:127.0.0.1}, answered by {@link TestResolver} as DNS would (an
 * {@code Inet6Address}), against a server that allows no private network: the delivery is refused, nothing reaches
 * the receiver on loopback, and the name is looked up only when delivering, never when the endpoint is created.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStoreRefusingPrivateNetworks")
class SsrfThroughDnsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    TestHerald server;

    Receiver receiver;
    String host;

    @BeforeEach
    void setUp() throws Exception {
        receiver = Receiver.start();
        host = "mapped-loopback-" + UUID.randomUUID() + ".herald.test";
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        TestResolver.register(host, Inet6Address.getByAddress(host, mappedLoopback, -1));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void refusesAHostNameWhoseAaaaRecordIsAnIpv4MappedLoopbackAddress() {
        Api api = server.api();
        String app = api.post("/api/v1/app", Map.of("name", "ssrf")).json().get("id").asText();
        String endpoint = createEndpoint(api, app);
        assertThat(TestResolver.lookups(host)).as("looked up when the endpoint was created").isZero();

        api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}");

        JsonNode attempt = AttemptLog.awaitFirst(api, app, endpoint, WAIT);
        assertThat(attempt.get("status").asInt()).as("failed").isEqualTo(2);
        assertThat(attempt.get("responseStatusCode").asInt()).isZero();
        assertThat(attempt.get("response").asText()).startsWith("refused:");
        assertThat(TestResolver.lookups(host)).isPositive();
        assertThat(receiver.received()).isEmpty();
    }

    /** The control: the same answer reaches the receiver once loopback is allowed, so the refusal above is real. */
    @Test
    void deliversToTheSameHostNameWhenTheOperatorAllowsLoopback() {
        try (TestHerald allowing = TestHerald.start(server.store(), Map.of(Setting.ALLOW_NETWORKS, "127.0.0.0/8"))) {
            Api api = allowing.api();
            String app = api.post("/api/v1/app", Map.of("name", "allowed")).json().get("id").asText();
            String endpoint = createEndpoint(api, app);

            api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"a\",\"payload\":{}}");

            assertThat(receiver.await(1, WAIT)).hasSize(1);
            assertThat(AttemptLog.awaitFirst(api, app, endpoint, WAIT).get("status").asInt()).isZero();
        }
    }

    private String createEndpoint(Api api, String app) {
        int port = URI.create(receiver.url("/")).getPort();
        var created = api.post("/api/v1/app/" + app + "/endpoint",
                Map.of("url", "http://" + host + ":" + port + "/hook"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
