package dev.herald.server.inbound;

import static dev.herald.server.inbound.InboundFixture.bodyOf;
import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever arrives at an ingest URL is kept and forwarded byte for byte: odd bytes, large and empty bodies, forms,
 * any method, sub-paths and query strings, headers in their order and case.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStoreRetryingAfterOneSecond")
class InboundBodiesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    TestHerald server;

    InboundFixture fixture;
    Receiver receiver;
    InboundFixture.Source source;

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(server.api());
        receiver = Receiver.start();
        source = fixture.source(Map.of("name", "anything goes", "type", "generic-webhook"));
        fixture.endpoint(source, receiver);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void keepsAndForwardsBytesThatAreNotUtf8() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80, (byte) 0xc3, 0x28, 0x0a, 0x0d, (byte) 0xe2, 0x28};

        roundTrip("POST", "", body, "application/octet-stream");
    }

    @Test
    void keepsAndForwardsAOneMebibytePayload() {
        byte[] body = new byte[1024 * 1024];
        new Random(42).nextBytes(body);

        roundTrip("POST", "", body, "application/octet-stream");
    }

    @Test
    void keepsAndForwardsAFormEncodedBody() {
        byte[] body = utf8("payload=%7B%22a%22%3A1%7D&name=caf%C3%A9&text=hello+world&empty=&dup=1&dup=2");

        roundTrip("POST", "", body, "application/x-www-form-urlencoded");
    }

    @Test
    void keepsAndForwardsAnEmptyBody() {
        JsonNode capture = roundTrip("POST", "", new byte[0], null);

        assertThat(capture.get("bodySize").asLong()).isZero();
        assertThat(receiver.received().get(0).header("content-type")).isEqualTo("application/octet-stream");
    }

    @Test
    void retriesWithTheSameBytesAndContentType() {
        receiver.answering(n -> Receiver.Answer.status(n == 0 ? 503 : 200));
        byte[] body = {0x00, (byte) 0xff, 0x01};

        sendAndCatch("POST", "", body, "application/x-custom");

        List<Receiver.Received> attempts = receiver.await(2, WAIT);
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.body()).isEqualTo(body);
            assertThat(attempt.header("content-type")).isEqualTo("application/x-custom");
        });
        assertThat(attempts.get(1).header("webhook-id")).isEqualTo(attempts.get(0).header("webhook-id"));
    }

    @Test
    void keepsAContentTypeWithParametersExactly() {
        byte[] body = "na\u00efve".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        roundTrip("POST", "", body, "text/plain;charset=ISO-8859-1");
    }

    @Test
    void takesAnyMethodWithItsSubPathAndQueryString() {
        for (String method : List.of("PUT", "GET", "DELETE", "PATCH")) {
            String suffix = "/orders/42%207?x=1&y=%20z&x=2&flag";
            JsonNode capture = sendAndCatch(method, suffix, utf8("{\"m\":\"" + method + "\"}"), "application/json");

            assertThat(capture.get("method").asText()).isEqualTo(method);
            assertThat(capture.get("path").asText()).isEqualTo("/orders/42%207");
            assertThat(capture.get("query").asText()).isEqualTo("x=1&y=%20z&x=2&flag");
            assertThat(capture.get("status").asText()).isEqualTo("forwarded");
        }
        assertThat(receiver.await(4, WAIT)).extracting(r -> r.bodyText()).containsExactlyInAnyOrder(
                "{\"m\":\"PUT\"}", "{\"m\":\"GET\"}", "{\"m\":\"DELETE\"}", "{\"m\":\"PATCH\"}");
    }

    @Test
    void keepsHeadersInTheirOrderAndCase() {
        List<String> sent = List.of("X-First", "1", "x-second", "2", "X-Repeated", "a", "X-Repeated", "b",
                "X-CamelCase-ID", "3");

        int status = InboundFixture.rawPost(source.ingestUrl(), sent, utf8("{}"));

        assertThat(status).isEqualTo(200);
        List<String> kept = new ArrayList<>();
        fixture.onlyCapture(source).get("headers").forEach(pair -> {
            if (pair.get(0).asText().toLowerCase().startsWith("x-")) {
                kept.add(pair.get(0).asText());
                kept.add(pair.get(1).asText());
            }
        });
        assertThat(kept).isEqualTo(sent);
    }

    @Test
    void keepsTheSendersAddressAndTheArrivalTime() {
        JsonNode capture = sendAndCatch("POST", "", utf8("{}"), "application/json");

        assertThat(capture.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(capture.get("receivedAt").asText()).isNotBlank();
    }

    /** Sends the body and checks it was kept and forwarded exactly, with its content type. */
    private JsonNode roundTrip(String method, String suffix, byte[] body, String contentType) {
        JsonNode capture = sendAndCatch(method, suffix, body, contentType);

        assertThat(bodyOf(capture)).isEqualTo(body);
        assertThat(capture.get("bodySize").asLong()).isEqualTo(body.length);
        Receiver.Received forwarded = receiver.await(1, WAIT).get(0);
        assertThat(forwarded.body()).isEqualTo(body);
        if (contentType != null) {
            assertThat(forwarded.header("content-type")).isEqualTo(contentType);
        }
        assertThat(forwarded.header("webhook-id")).isEqualTo(capture.get("msgId").asText());
        return capture;
    }

    private JsonNode sendAndCatch(String method, String suffix, byte[] body, String contentType) {
        List<String> headers = contentType == null ? List.of() : List.of("Content-Type", contentType);
        InboundFixture.Answer answer = InboundFixture.send(method, source.ingestUrl() + suffix, headers, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode newest = fixture.captures(source).get(0);
        return fixture.capture(source, newest.get("id").asText());
    }
}
