package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Cidr;
import dev.herald.webhooks.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The request timeout bounds the whole attempt, not each read: an endpoint that trickles its answer a byte at a
 * time cannot keep an attempt (and so its lease) going past the timeout.
 */
class HttpSenderDeadlineTest {
    private static final int BODY_BYTES = 40;

    @Test
    void aTricklingResponseTimesOutAtTheRequestTimeout() throws Exception {
        AtomicInteger bytesSent = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpSender sender = new HttpSender(new SsrfGuard(List.of(Cidr.parse("127.0.0.0/8"))),
                     Duration.ofSeconds(1), Clock.systemUTC())) {
            Thread.ofVirtual().start(() -> trickle(server, bytesSent));

            SendResult result = sender.send(new WebhookRequest("http://127.0.0.1:" + server.getLocalPort() + "/",
                    "msg_1", "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of(),
                    List.of(WebhookSecret.generate())));

            assertThat(result).isInstanceOfSatisfying(SendResult.NetworkError.class,
                    error -> assertThat(error.timedOut()).isTrue());
            assertThat(bytesSent.get()).isLessThan(BODY_BYTES);
        }
    }

    @Test
    void anEndpointThatNeverAnswersTimesOutAtTheRequestTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpSender sender = new HttpSender(new SsrfGuard(List.of(Cidr.parse("127.0.0.0/8"))),
                     Duration.ofSeconds(1), Clock.systemUTC())) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream()); // reads, never answers
                } catch (IOException closedBySender) {
                    // the sender gave up
                }
            });

            SendResult result = sender.send(new WebhookRequest("http://127.0.0.1:" + server.getLocalPort() + "/",
                    "msg_1", "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of(),
                    List.of(WebhookSecret.generate())));

            assertThat(result).isInstanceOfSatisfying(SendResult.NetworkError.class, error -> {
                assertThat(error.timedOut()).isTrue();
                assertThat(error.durationMs()).isGreaterThanOrEqualTo(900L); // not before the timeout
            });
        }
    }

    /** Answers 200 with a body sent one byte every 250 ms: each read waits far less than the timeout. */
    private static void trickle(ServerSocket server, AtomicInteger bytesSent) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            String request = "";
            while (!request.contains("\r\n\r\n")) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                request += new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = 0; i < BODY_BYTES; i++) {
                Thread.sleep(250);
                out.write('x');
                out.flush();
                bytesSent.incrementAndGet();
            }
        } catch (IOException | InterruptedException closedBySender) {
            // the sender gave up and closed the connection: the point of the test
        }
    }
}
