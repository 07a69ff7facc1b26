package dev.herald.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One TCP connection to a test server, for requests no HTTP client would send: stalled, trickled, cut off. */
final class RawConnection implements AutoCloseable {
    private final Socket socket;

    RawConnection(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawConnection send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, reading the answer gives up (SocketTimeoutException) after this long. */
    RawConnection waitingAtMost(int millis) {
        try {
            socket.setSoTimeout(millis);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Says "no more from me" while still listening for the answer. */
    RawConnection stopSending() {
        try {
            socket.shutdownOutput();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of the answer, waiting for it up to a minute (unless told otherwise). */
    int status() {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            if (parts.length < 2) {
                throw new IllegalStateException("no HTTP status line, got '" + line + "'");
            }
            return Integer.parseInt(parts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line and headers of the answer, lower-cased, one per line, up to the blank line. */
    String head() {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c == -1) {
                    break;
                }
                head.append((char) c);
            }
            return head.toString().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String request(String method, String path, String token, long contentLength) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                + (token == null ? "" : "authorization: Bearer " + token + "\r\n")
                + "content-length: " + contentLength + "\r\n\r\n";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
