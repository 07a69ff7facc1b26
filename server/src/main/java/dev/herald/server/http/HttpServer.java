package dev.herald.server.http;

import dev.herald.server.auth.Authenticator;
import dev.herald.server.core.HttpLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty on virtual threads, serving the router; stopping it refuses new requests and lets running ones finish.
 * {@link HttpLimits} bound what idle, slow or numerous clients can hold.
 */
public final class HttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    public HttpServer(String bind, int port, Router router, Authenticator authenticator,
                      IdempotencyFilter idempotency, long maxBodyBytes, HttpLimits limits, MeterRegistry meters,
                      List<SocketRoute> sockets) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("herald-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Header values reach routes exactly as sent: Jetty's header cache would otherwise hand back its own
        // lower-case copy of common values (e.g. a charset), and inbound requests are kept byte-exact.
        http.setHeaderCacheCaseSensitive(true);
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        Handler api = new MinimumBodyRate(new ApiHandler(router, authenticator, idempotency, maxBodyBytes, meters),
                limits.minBodyRate());
        if (!sockets.isEmpty()) {
            api = SocketUpgrades.beside(server, api, sockets, authenticator);
        }
        server.setHandler(new GracefulHandler(api));
        server.setErrorHandler(new JsonErrorPages());
        server.setStopTimeout(10_000);
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
