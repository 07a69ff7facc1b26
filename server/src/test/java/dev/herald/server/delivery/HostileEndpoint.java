package dev.herald.server.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook endpoint on loopback that misbehaves: every connection gets the same scripted hostility. It counts
 * what it saw and sent, so a test can tell that the sender hung up rather than taking everything it was offered.
 */
final class HostileEndpoint implements AutoCloseable {

    /** What the endpoint does with one connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket, HostileEndpoint endpoint) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final String scheme;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong bytesSent = new AtomicLong();

    private HostileEndpoint(String scheme, Behaviour behaviour) throws IOException {
        this.scheme = scheme;
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("hostile-endpoint").start(this::acceptLoop);
    }

    static HostileEndpoint http(Behaviour behaviour) throws IOException {
        return new HostileEndpoint("http", behaviour);
    }

    /** An endpoint whose URL is https, for behaviours that speak (or stall) TLS themselves. */
    static HostileEndpoint https(Behaviour behaviour) throws IOException {
        return new HostileEndpoint("https", behaviour);
    }

    String url() {
        return scheme + "://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        behaviour.serve(socket, this);
                    } catch (IOException | InterruptedException senderHungUp) {
                        // the sender gave up on us, which is what the tests want to see
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads one request head and its Content-Length body, and counts the request. */
    void readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request head ended");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int at = text.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
        }
        requests.incrementAndGet();
    }

    /** Writes and flushes {@code bytes}, counting them as sent once the write returned. */
    void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        bytesSent.addAndGet(bytes.length);
    }

    void send(Socket socket, String text) throws IOException {
        send(socket, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
