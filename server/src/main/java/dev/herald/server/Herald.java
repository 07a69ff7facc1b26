package dev.herald.server;

import dev.herald.server.app.ApplicationRoutes;
import dev.herald.server.app.Applications;
import dev.herald.server.app.JdbcApplicationStore;
import dev.herald.server.attempt.AttemptRoutes;
import dev.herald.server.auth.AdminToken;
import dev.herald.server.auth.Authenticator;
import dev.herald.server.auth.Jwt;
import dev.herald.server.core.Config;
import dev.herald.server.delivery.DeliveryEngine;
import dev.herald.server.delivery.DeliveryPorts;
import dev.herald.server.listen.ListenRelay;
import dev.herald.server.listen.ListenRoutes;
import dev.herald.server.message.JdbcMessageStore;
import dev.herald.server.message.MessageRoutes;
import dev.herald.server.message.Messages;
import dev.herald.server.message.OperationalEventSender;
import dev.herald.server.core.Ids;
import dev.herald.server.endpoint.EndpointRoutes;
import dev.herald.server.endpoint.Endpoints;
import dev.herald.server.endpoint.JdbcEndpointStore;
import dev.herald.server.endpoint.SecretCipher;
import dev.herald.server.eventtype.EnvironmentRoutes;
import dev.herald.server.eventtype.EventTypeRoutes;
import dev.herald.server.eventtype.EventTypes;
import dev.herald.server.eventtype.JdbcEventTypeStore;
import dev.herald.server.http.HttpServer;
import dev.herald.server.inbound.Inbound;
import dev.herald.server.http.IdempotencyFilter;
import dev.herald.server.http.KeptReplies;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.http.SvixOperations;
import dev.herald.server.ops.HealthRoutes;
import dev.herald.server.ops.Janitor;
import dev.herald.server.ops.OpenApiRoutes;
import dev.herald.server.ops.MetricsRoutes;
import dev.herald.server.portal.PortalAccess;
import dev.herald.server.portal.PortalAccessRoutes;
import dev.herald.server.store.Database;
import dev.herald.server.web.WebPages;
import dev.herald.server.store.Databases;
import dev.herald.server.store.StoredSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store, wires every feature, starts HTTP. Closing it stops taking requests,
 * then stops the background work, then closes the store.
 */
public final class Herald implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Herald.class);

    private final Config config;
    private final Database db;
    private final HttpServer http;
    // Assigned once in the constructor; not final so that a failed start can close what it had started.
    private DeliveryEngine delivery;
    private Messages messages;
    private ListenRelay listeners;
    private Janitor janitor;
    private final Optional<String> generatedAdminToken;
    private final Endpoints endpoints;
    private final List<Router.Entry> routes;

    private Herald(Config config, Clock systemClock) throws Exception {
        this.config = config;
        // Stored timestamps have millisecond precision; tick the same way so responses match what is read back.
        Clock clock = Clock.tick(systemClock, Duration.ofMillis(1));
        this.db = Databases.open(config);
        try {
            Ids ids = new Ids(clock);
            StoredSettings settings = new StoredSettings(db);
            AdminToken.Resolved token = AdminToken.resolve(config, settings, ids);
            this.generatedAdminToken = token.generated();
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

            JdbcApplicationStore applicationStore = new JdbcApplicationStore(db);
            Applications applications = new Applications(applicationStore, ids, clock);
            PortalAccess portalAccess = new PortalAccess(db, applications, ids, clock, this::publicBaseUrl);
            Authenticator authenticator = new Authenticator(token.hash(), config.jwtSecret().map(Jwt::new), clock,
                    PortalAccess.TOKEN_PREFIX, portalAccess::authenticate);
            OperationalEventSender operational = new OperationalEventSender(applications, clock);
            EventTypes eventTypes = new EventTypes(new JdbcEventTypeStore(db), clock,
                    config.resourceLimits().maxEventTypes());
            SecretCipher cipher = SecretCipher.open(config, settings);
            KeptReplies keptReplies = new KeptReplies(cipher);
            JdbcEndpointStore endpointStore = new JdbcEndpointStore(db, cipher);
            int sealed = endpointStore.sealPlaintextHeaders();
            if (sealed > 0) {
                log.info("encrypted the custom headers of {} endpoints stored in plain text by an older version",
                        sealed);
            }
            this.endpoints = new Endpoints(endpointStore, eventTypes, ids, clock, operational,
                    config.resourceLimits());
            JdbcMessageStore messageStore = new JdbcMessageStore(db);
            this.listeners = new ListenRelay(db, clock, config.requestTimeout(), this::nodeUrl, endpointStore::delete);
            this.delivery = new DeliveryEngine(config, db, ids, clock, meters, endpointStore::findById,
                    messageStore::payload, messageStore::payloads, endpoints::signingKeys,
                    appId -> applicationStore.orgOf(appId).flatMap(org -> applicationStore.find(org, appId)
                            .map(app -> new DeliveryPorts.AppRef(org, app.id(), app.uid(), app.throttleRate()))),
                    listeners, operational);
            this.messages = new Messages(db, messageStore, delivery.queue(), delivery.dispatcher(),
                    endpointStore::listForApp, ids, clock, config.retention());
            operational.attach(messages);
            this.janitor = new Janitor(db, clock, config.retention(), Duration.ofMinutes(10));

            ListenRoutes listen = new ListenRoutes(applications, endpoints, ids, listeners);
            Router router = new Router();
            List<RouteGroup> groups = List.of(
                    new HealthRoutes(Map.of("database", db::isHealthy,
                            "delivery", () -> delivery.dispatcher().isRunning())),
                    new MetricsRoutes(meters, config.metricsToken()),
                    new OpenApiRoutes(),
                    new ApplicationRoutes(applications),
                    new EventTypeRoutes(eventTypes),
                    new EnvironmentRoutes(eventTypes, settings, clock),
                    new EndpointRoutes(applications, endpoints),
                    EndpointRoutes.operational(call -> operational.operationalApp(call.principal()), endpoints),
                    new MessageRoutes(applications, messages, clock),
                    new AttemptRoutes(db, delivery.queue(), delivery.dispatcher(), ids, clock, applications,
                            endpoints, messages, eventTypes, operational, keptReplies),
                    new PortalAccessRoutes(portalAccess),
                    new WebPages(config.portalFrameAncestors()),
                    new Inbound(db, cipher, applications, endpoints, messages, ids, clock, meters,
                            this::publicBaseUrl),
                    listen);
            groups.forEach(g -> g.register(router));
            router.notOffered(SvixOperations.all());
            this.routes = router.entries();

            this.http = new HttpServer(config.bind(), config.port(), router, authenticator,
                    new IdempotencyFilter(db, clock, keptReplies), config.maxBodyBytes(), config.httpLimits(), meters,
                    List.of(listen.socket()));
            http.start();
        } catch (Exception | Error e) {
            if (janitor != null) {
                janitor.close();
            }
            if (listeners != null) {
                listeners.close();
            }
            if (delivery != null) {
                delivery.close();
            }
            if (messages != null) {
                messages.close();
            }
            db.close();
            throw e;
        }
        log.info("herald started port={} store={} config={}", http.port(),
                config.databaseUrl().isPresent() ? "postgresql" : "sqlite", config);
    }

    public static Herald start(Config config, Clock clock) throws Exception {
        return new Herald(config, clock);
    }

    public int port() {
        return http.port();
    }

    /** The admin token if this start generated it (first start without HERALD_ADMIN_TOKEN). */
    public Optional<String> generatedAdminToken() {
        return generatedAdminToken;
    }

    /** The endpoint service, for callers inside the process (tests, tools) that need signing keys. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** Every route this server answers (method, pattern, who may call it), e.g. for tests that walk them all. */
    public List<Router.Entry> routes() {
        return routes;
    }

    /** Runs a retention sweep now instead of waiting for the next scheduled one. */
    public Janitor.Swept sweepRetention() {
        return janitor.sweep();
    }

    public Config config() {
        return config;
    }

    /** The configured public URL, else this server's own address with the port actually bound. */
    private String publicBaseUrl() {
        return config.withPort(http.port()).baseUrl();
    }

    /**
     * This node's address as the other nodes reach it, for relaying deliveries to listeners held here: the
     * configured node URL, else the bind address (this host's address when bound to all) and the bound port.
     */
    private String nodeUrl() {
        return config.nodeUrl().map(url -> url.replaceAll("/+$", "")).orElseGet(() -> {
            String host = config.bind();
            if (host.equals("0.0.0.0") || host.equals("::")) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostAddress();
                } catch (java.net.UnknownHostException e) {
                    host = "127.0.0.1";
                }
            }
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
        });
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly", e);
        }
        janitor.close();
        listeners.close();
        delivery.close();
        messages.close(); // after the deliveries, which may still raise operational events
        db.close();
        log.info("herald stopped");
    }
}
