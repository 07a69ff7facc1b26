package dev.herald.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The cheapest possible webhook relay, for comparison: the same Jetty server and HTTP client as Herald, each POST
 * forwarded synchronously to the receiver before it is answered — no storage, no signing, no retries. Every
 * message costs two HTTP exchanges, as in Herald, so its rate shows what the hops alone cost on this machine.
 */
final class PassThroughRelay implements AutoCloseable {
    private final LoopbackServer server;

    PassThroughRelay(String target, LoadClient client) throws Exception {
        server = new LoopbackServer(body -> {
            try {
                int status = client.post(new LoadClient.Post(target, new String(body, StandardCharsets.UTF_8), Map.of()));
                return status >= 200 && status < 300 ? 202 : 502;
            } catch (java.io.IOException e) {
                return 502;
            }
        });
    }

    String url() {
        return server.url("/relay");
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
