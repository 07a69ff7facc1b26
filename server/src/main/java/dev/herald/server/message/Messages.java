package dev.herald.server.message;

import dev.herald.server.app.Application;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.delivery.DeliveryTask;
import dev.herald.server.delivery.Dispatcher;
import dev.herald.server.delivery.FastPath;
import dev.herald.server.delivery.Payload;
import dev.herald.server.delivery.Routing;
import dev.herald.server.delivery.TaskQueue;
import dev.herald.server.delivery.TriggerType;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.store.Database;
import dev.herald.server.store.UniqueViolation;
import dev.herald.server.store.WriteBatcher;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accepting a message: the message row and one delivery task per matching endpoint are written in one
 * transaction, and only after it commits does the caller answer 202. Fresh tasks are born leased by this node and
 * handed to its dispatcher directly, so the common case needs no poll. A scheduled message ({@code deliverAt}) takes
 * no memory while it waits: its tasks are created unleased and due at that time, and the poller of whichever node
 * is running then leases them.
 */
public final class Messages implements AutoCloseable {
    /** Messages per transaction at most; under load a batch holds what arrived while the previous one was written. */
    private static final int MAX_BATCH = 500;

    /** The endpoints of an application, read inside the accepting transaction. */
    @FunctionalInterface
    public interface EndpointsOfApp {
        List<Endpoint> list(Connection c, String appId) throws SQLException;
    }

    private final Database db;
    private final MessageStore store;
    private final TaskQueue queue;
    private final Dispatcher dispatcher;
    private final RoutingTable endpoints;
    private final Ids ids;
    private final Clock clock;
    private final Duration defaultRetention;
    private final WriteBatcher<Accepting, List<TaskQueue.NewTask>> writer;

    public Messages(Database db, MessageStore store, TaskQueue queue, Dispatcher dispatcher, EndpointsOfApp endpoints,
                    Ids ids, Clock clock, Duration defaultRetention) {
        this.defaultRetention = defaultRetention;
        this.db = db;
        this.store = store;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.endpoints = new RoutingTable(endpoints);
        this.ids = ids;
        this.clock = clock;
        this.writer = new WriteBatcher<>("herald-message-writer", MAX_BATCH, this::acceptAll);
    }

    /** Which endpoints a message goes to, chosen inside the accepting transaction. */
    @FunctionalInterface
    private interface Targets {
        List<Endpoint> of(AppEndpoints ofApp, Message message) throws SQLException;
    }

    /** The message's application's endpoints, read (once per transaction) when asked for. */
    @FunctionalInterface
    private interface AppEndpoints {
        List<Endpoint> get() throws SQLException;
    }

    /** Work of another feature that commits in the same transaction as a message, so both exist or neither. */
    @FunctionalInterface
    public interface AlongWith {
        void run(Connection c, Message message) throws SQLException;
    }

    private static final AlongWith NOTHING_ELSE = (c, message) -> { };

    Message accept(Application app, MessageFields fields) {
        return accept(app, fields, null, Messages::routed, NOTHING_ELSE);
    }

    /**
     * Accepts a message meant for one endpoint only, whatever its filters (send-example): it is stored, listed and
     * retried like any other message, but no other endpoint of the application receives it.
     */
    public Message acceptFor(Application app, Endpoint endpoint, String eventType, byte[] payload) {
        MessageFields fields = MessageFields.internal(eventType, payload);
        return accept(app, fields, null, (ofApp, message) -> List.of(endpoint), NOTHING_ELSE);
    }

    /**
     * Accepts a message made inside Herald (inbound forwarding): the payload is delivered verbatim with the given
     * content type, and {@code alongWith} is committed in the message's own transaction.
     */
    public Message acceptRaw(Application app, String eventType, byte[] payload, String contentType,
                             AlongWith alongWith) {
        MessageFields fields = MessageFields.internal(eventType, payload);
        return accept(app, fields, contentType, Messages::routed, alongWith);
    }

    /** Whether a message of this type on these channels would go to at least one endpoint of the application. */
    boolean wouldReachAnEndpoint(Application app, String eventType, List<String> channels) {
        try {
            return db.read(c -> endpoints.endpointsOf(c, app).stream()
                    .anyMatch(ep -> Routing.matches(ep, eventType, channels)));
        } catch (StaleApplication gone) {
            throw ApiException.notFound("application");
        }
    }

    private static List<Endpoint> routed(AppEndpoints ofApp, Message message) throws SQLException {
        return ofApp.get().stream()
                .filter(ep -> Routing.matches(ep, message.eventType(), message.channels()))
                .toList();
    }

    private Message accept(Application app, MessageFields fields, String contentType, Targets targets,
                           AlongWith alongWith) {
        Instant now = clock.instant();
        Instant due = fields.deliverAt() == null ? now : fields.deliverAt();
        Message message = new Message(ids.next("msg"), app.id(), fields.eventId(), fields.eventType(),
                fields.payload(), fields.channels(), fields.tags(), now,
                due.plus(fields.retentionHours() == null ? defaultRetention : Duration.ofHours(fields.retentionHours())),
                contentType, fields.deliverAt());
        try (FastPath fast = dispatcher.fastPath()) {
            List<TaskQueue.NewTask> tasks;
            try {
                tasks = writer.submit(new Accepting(app, message, targets, alongWith, fast));
            } catch (UniqueViolation e) {
                throw ApiException.conflict("a message with eventId '" + fields.eventId() + "' already exists");
            }
            List<DeliveryTask> leased = tasks.stream().filter(t -> t.leaseOwner() != null)
                    .map(TaskQueue.NewTask::leased).toList();
            fast.submit(leased, new Payload(message.payload(), message.contentType()));
        }
        return message;
    }

    /** A message to accept, with what decides its endpoints and what commits along with it. */
    private record Accepting(Application app, Message message, Targets targets, AlongWith alongWith, FastPath fast) {
    }

    /**
     * Writes the messages that arrived together in one transaction: their rows in one statement, all their tasks in
     * another, and the application's endpoints read once per application. Returns each message's tasks, in order.
     */
    private List<List<TaskQueue.NewTask>> acceptAll(List<Accepting> batch) {
        return db.write(c -> {
            List<List<TaskQueue.NewTask>> created = new ArrayList<>();
            List<TaskQueue.NewTasks> groups = new ArrayList<>();
            Map<String, List<Endpoint>> endpointsOfApp = new HashMap<>();
            for (Accepting a : batch) {
                Message message = a.message();
                AppEndpoints ofApp = () -> {
                    // by id and uid: the read also checks that the application still is what the caller looked up
                    String key = a.app().id() + "/" + a.app().uid();
                    List<Endpoint> known = endpointsOfApp.get(key);
                    if (known == null) {
                        known = endpoints.endpointsOf(c, a.app());
                        endpointsOfApp.put(key, known);
                    }
                    return known;
                };
                // first: reading the application's endpoints checks that the application is still there
                List<Endpoint> to = a.targets().of(ofApp, message);
                List<TaskQueue.NewTask> tasks = to.stream().map(ep -> {
                    Optional<Instant> lease = message.deliverAt() == null ? a.fast().leaseFor(ep.id())
                            : Optional.empty(); // scheduled: waits in the store until due, then the poller leases it
                    return new TaskQueue.NewTask(ids.next("task"), message.id(), message.appId(), ep.id(),
                            TriggerType.SCHEDULED, lease.isPresent() ? a.fast().owner() : null, lease.orElse(null));
                }).toList();
                created.add(tasks);
                groups.add(new TaskQueue.NewTasks(tasks, message.createdAt(),
                        message.deliverAt() == null ? message.createdAt() : message.deliverAt()));
            }
            store.insert(c, batch.stream().map(Accepting::message).toList());
            queue.insert(c, groups);
            for (Accepting a : batch) {
                a.alongWith().run(c, a.message());
            }
            return created;
        });
    }

    @Override
    public void close() {
        writer.close();
    }

    public Message require(Application app, String idOrEventId) {
        return find(app, idOrEventId).orElseThrow(() -> ApiException.notFound("message"));
    }

    Optional<Message> find(Application app, String idOrEventId) {
        return store.find(app.id(), idOrEventId);
    }

    Page<Message> list(Application app, MessageFilter filter, ListQuery query) {
        return store.list(app.id(), filter, query);
    }

    void expunge(Application app, Message message) {
        store.expungePayload(app.id(), message.id());
    }
}
