package dev.herald.server.delivery;

import dev.herald.server.core.Config;
import dev.herald.server.core.Ids;
import dev.herald.server.core.OperationalEvents;
import dev.herald.server.store.Database;
import dev.herald.server.store.Dialect;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Builds and owns the delivery pipeline for one node: queue, sender, retry policy, recorder, dispatcher. */
public final class DeliveryEngine implements AutoCloseable {
    /**
     * What a lease gives beyond the request timeout: the {@link Delivery#LEASE_SLACK} a send must leave, plus as
     * long again for a fresh task to wait in its lane before its lease needs renewing. It is also how long a dead
     * node's tasks stay out of reach (request timeout + 20 s), so it stays short.
     */
    private static final Duration LEASE_MARGIN = Delivery.LEASE_SLACK.multipliedBy(2);

    private final TaskQueue queue;
    private final HttpSender sender;
    private final AttemptRecorder recorder;
    private final Delivery delivery;
    private final Dispatcher dispatcher;

    public DeliveryEngine(Config config, Database db, Ids ids, Clock clock, MeterRegistry meters,
                          DeliveryPorts.EndpointLookup endpoints, DeliveryPorts.PayloadLookup payloads,
                          DeliveryPorts.Payloads leasedPayloads,
                          DeliveryPorts.SigningKeys keys, DeliveryPorts.AppLookup apps, DeliveryPorts.Relay relay,
                          OperationalEvents events) {
        this.queue = new TaskQueue(db);
        this.sender = new HttpSender(new SsrfGuard(config.allowNetworks()), config.requestTimeout(), clock);
        Duration lease = config.requestTimeout().plus(LEASE_MARGIN);
        this.recorder = new AttemptRecorder(db, ids, clock, config.disableAfter());
        this.delivery = new Delivery(new EndpointCache(endpoints, keys, apps, clock), payloads,
                new Transports(sender, relay, clock),
                new RetryPolicy(config.retrySchedule(), new SecureRandom()),
                recorder, queue,
                List.of(new DeliveryMetrics(meters), new DeliveryEvents(events, apps)), clock, lease,
                config.requestTimeout());
        boolean shared = db.dialect() == Dialect.POSTGRESQL;
        Throttle endpointThrottle = shared ? SharedThrottle.forEndpoints(db) : new LocalThrottle();
        Throttle appThrottle = shared ? SharedThrottle.forApplications(db) : new LocalThrottle();
        String nodeId = ids.next("node");
        Sending sending = new Sending(delivery, endpointThrottle, appThrottle, nodeId);
        this.dispatcher = new Dispatcher(queue, sending, leasedPayloads, nodeId, clock, lease,
                Duration.ofMillis(250), Lanes.Limits.of(config.endpointConcurrency(), config.maxHeldTasks()), meters);
        if (db.dialect() == Dialect.SQLITE) {
            // one process owns the embedded store: a previous process's leases are void
            queue.releaseAll(clock.instant());
        }
        dispatcher.start();
    }

    public TaskQueue queue() {
        return queue;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        dispatcher.close();
        // after the dispatcher: the deliveries it let finish while closing renew leases and record their outcomes
        delivery.close();
        recorder.close();
        sender.close();
    }
}
