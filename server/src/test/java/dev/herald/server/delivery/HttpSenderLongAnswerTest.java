package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Cidr;
import dev.herald.webhooks.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An answer longer than the attempt log keeps: the sender reads the first {@link HttpSender#MAX_RESPONSE_BYTES},
 * drops the connection, and reports the answer (not the dropped connection) as the outcome.
 */
class HttpSenderLongAnswerTest {
    private static final int BODY_BYTES = 1024 * 1024;

    @ParameterizedTest
    @ValueSource(ints = {200, 500})
    void aLongAnswerIsReportedWithItsStatusAndTheBytesKept(int status) throws Exception {
        try (HostileEndpoint endpoint = HostileEndpoint.http((socket, self) -> {
            self.readRequest(socket);
            self.send(socket, "HTTP/1.1 " + status + " Whatever\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n");
            byte[] chunk = new byte[BODY_BYTES / 16];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 16; i++) {
                self.send(socket, chunk);
            }
        }); HttpSender sender = new HttpSender(new SsrfGuard(List.of(Cidr.parse("127.0.0.0/8"))),
                Duration.ofSeconds(5), Clock.systemUTC())) {

            SendResult result = sender.send(new WebhookRequest(endpoint.url(), "msg_1",
                    "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of(),
                    List.of(WebhookSecret.generate())));

            assertThat(result.statusCode()).as(result.toString()).isEqualTo(status);
            assertThat(result.responseText()).hasSize(HttpSender.MAX_RESPONSE_BYTES).matches("x+");
        }
    }
}
