package dev.herald.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The cheapest possible webhook relay, for comparison: the same Jetty server and HTTP client as Herald, each POST
 * forwarded synchronously to the receiver before it is answered — no storage, no signing, no retries. Every
 * message costs two HTTP exchanges, as in Herald, so its rate is the ceiling any relay reaches on this machine.
 */
final class PassThroughRelay implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    PassThroughRelay(String target, LoadClient client) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readAllBytes();
                }
                int status = client.post(new LoadClient.Post(target, new String(body, StandardCharsets.UTF_8), Map.of()));
                response.setStatus(status >= 200 && status < 300 ? 202 : 502);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/relay";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
