package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.AttemptLog;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Endpoints that fight back: each hostile answer ends in a failed attempt recorded within the request timeout (2 s
 * here), what the attempt log and the client keep of it stays bounded, and a healthy endpoint of the same
 * application gets the same message meanwhile.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStoreWithTwoSecondAttemptsAndNoRetry")
class HostileEndpointsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @Parameter
    TestHerald server;

    Receiver healthy;
    String appId;
    String healthyId;

    @BeforeEach
    void setUp() {
        healthy = Receiver.start();
        Api api = server.api();
        appId = api.post("/api/v1/app", Map.of("name", "hostile")).json().get("id").asText();
        healthyId = endpoint(healthy.url("/healthy"));
    }

    @AfterEach
    void tearDown() {
        healthy.close();
    }

    @Test
    void anEndpointThatNeverAnswersFailsAtTheDeadline() throws Exception {
        try (HostileEndpoint hostile = HostileEndpoint.http((socket, endpoint) -> {
            endpoint.readRequest(socket);
            socket.getInputStream().read(); // until the sender hangs up
        })) {
            JsonNode attempt = deliverAlongsideHealthy(hostile);

            assertThat(attempt.get("response").asText()).startsWith("timed out");
        }
    }

    @Test
    void anEndpointThatTricklesOneByteASecondFailsAtTheDeadline() throws Exception {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        try (HostileEndpoint hostile = HostileEndpoint.http((socket, endpoint) -> {
            endpoint.readRequest(socket);
            for (byte b : answer) { // even the status line never completes within the timeout
                endpoint.send(socket, new byte[] {b});
                Thread.sleep(1000);
            }
        })) {
            JsonNode attempt = deliverAlongsideHealthy(hostile);

            assertThat(attempt.get("response").asText()).startsWith("timed out");
            assertThat(hostile.bytesSent.get()).isLessThan(answer.length);
        }
    }

    @Test
    void anEndpointThatAnswersAHundredMegabytesHasOnlyTheFirst20000BytesRead() throws Exception {
        try (HostileEndpoint hostile = HostileEndpoint.http((socket, endpoint) -> {
            endpoint.readRequest(socket);
            endpoint.send(socket, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + HUNDRED_MB + "\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            for (long sent = 0; sent < HUNDRED_MB; sent += chunk.length) { // streamed, never held
                endpoint.send(socket, chunk);
            }
        })) {
            JsonNode attempt = deliverAlongsideHealthy(hostile);

            assertThat(attempt.get("responseStatusCode").asInt()).isEqualTo(500);
            assertThat(attempt.get("response").asText()).hasSize(HttpSender.MAX_RESPONSE_BYTES).matches("x+");
            assertThat(hostile.bytesSent.get()).as("the sender hung up").isLessThan(HUNDRED_MB);
        }
    }

    @Test
    void anEndpointThatSendsTenThousandHeadersIsCutOff() throws Exception {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 10_000; i++) {
            head.append("X-Hostile-").append(i).append(": ").append("v".repeat(20)).append("\r\n");
        }

        JsonNode attempt = deliverAlongsideHealthy(head + "Content-Length: 0\r\n\r\n");

        assertThat(attempt.get("response").asText()).contains("header count");
    }

    @Test
    void anEndpointThatSendsAOneMegabyteHeaderLineIsCutOff() throws Exception {
        JsonNode attempt = deliverAlongsideHealthy("HTTP/1.1 200 OK\r\nX-Hostile: " + "v".repeat(1024 * 1024)
                + "\r\nContent-Length: 0\r\n\r\n");

        assertThat(attempt.get("response").asText()).contains("line length");
    }

    @Test
    void anEndpointThatRedirectsInALoopIsNotFollowed() throws Exception {
        try (HostileEndpoint hostile = HostileEndpoint.http((socket, endpoint) -> {
            endpoint.readRequest(socket);
            endpoint.send(socket, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + socket.getLocalPort()
                    + "/hook\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        })) {
            JsonNode attempt = deliverAlongsideHealthy(hostile);

            assertThat(attempt.get("responseStatusCode").asInt()).isEqualTo(302);
            assertThat(hostile.requests.get()).isEqualTo(1);
        }
    }

    /**
     * A real TLS server with a self-signed certificate behind a relay that passes its handshake on one byte a
     * second, so the sender is stuck inside the handshake (before it could even judge the certificate).
     */
    @Test
    void anEndpointThatStallsTheTlsHandshakeFailsAtTheDeadline(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        AtomicInteger clientHellos = new AtomicInteger();
        try (SSLServerSocket tls = selfSignedTlsServer(dir);
             HostileEndpoint hostile = HostileEndpoint.https((client, endpoint) -> {
                 try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), tls.getLocalPort())) {
                     Thread.ofVirtual().start(() -> relay(client, backend, clientHellos));
                     InputStream fromServer = backend.getInputStream();
                     for (int b = fromServer.read(); b >= 0; b = fromServer.read()) {
                         endpoint.send(client, new byte[] {(byte) b});
                         Thread.sleep(1000);
                     }
                 }
             })) {
            Thread.ofVirtual().start(() -> handshakeForever(tls));

            JsonNode attempt = deliverAlongsideHealthy(hostile);

            assertThat(attempt.get("response").asText()).startsWith("timed out");
            assertThat(clientHellos.get()).as("the sender started a TLS handshake").isEqualTo(1);
        }
    }

    /**
     * Sends one message to the healthy endpoint and to {@code hostile}; asserts the healthy one got it with a
     * successful attempt, and returns the hostile one's attempt once recorded, asserted failed.
     */
    private JsonNode deliverAlongsideHealthy(HostileEndpoint hostile) {
        String hostileId = endpoint(hostile.url());

        var sent = server.api().post("/api/v1/app/" + appId + "/msg", "{\"eventType\":\"a\",\"payload\":{}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);

        assertThat(healthy.await(1, WAIT)).hasSize(1);
        assertThat(AttemptLog.awaitFirst(server.api(), appId, healthyId, WAIT).get("status").asInt()).isZero();
        JsonNode attempt = AttemptLog.awaitFirst(server.api(), appId, hostileId, WAIT);
        assertThat(attempt.get("status").asInt()).as("failed: " + attempt).isEqualTo(2);
        return attempt;
    }

    /** As {@link #deliverAlongsideHealthy(HostileEndpoint)}, to an endpoint that answers {@code answer} at once. */
    private JsonNode deliverAlongsideHealthy(String answer) throws IOException {
        try (HostileEndpoint hostile = HostileEndpoint.http((socket, endpoint) -> {
            endpoint.readRequest(socket);
            endpoint.send(socket, answer);
        })) {
            return deliverAlongsideHealthy(hostile);
        }
    }

    private String endpoint(String url) {
        var created = server.api().post("/api/v1/app/" + appId + "/endpoint", Map.of("url", url));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void relay(Socket client, Socket backend, AtomicInteger clientHellos) {
        try {
            InputStream in = client.getInputStream();
            int first = in.read();
            if (first == 0x16) { // a TLS handshake record
                clientHellos.incrementAndGet();
            }
            backend.getOutputStream().write(first);
            in.transferTo(backend.getOutputStream());
        } catch (IOException closed) {
            // one side hung up
        }
    }

    /** A TLS server socket on loopback with a certificate keytool made just now. */
    private static SSLServerSocket selfSignedTlsServer(Path dir) throws Exception {
        Path store = dir.resolve("hostile.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hostile", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
    }

    /** Accepts and runs each handshake as far as the client takes it. */
    private static void handshakeForever(SSLServerSocket tls) {
        while (!tls.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) tls.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        socket.startHandshake();
                    } catch (IOException relayClosed) {
                        // the relay went away with the sender
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }
}
