package dev.herald.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.svix.Svix;
import com.svix.models.ApplicationIn;
import com.svix.models.BackgroundTaskOut;
import com.svix.models.BackgroundTaskStatus;
import com.svix.models.BackgroundTaskType;
import com.svix.models.EndpointIn;
import com.svix.models.ExpungeAllContentsOut;
import com.svix.models.MessageIn;
import com.svix.models.OperationalWebhookEndpointIn;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GDPR expunging through the official Svix Java SDK (and the one route it lacks): afterwards the store itself holds
 * no payload of the application, neither in its messages nor in the response bodies of their attempts.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SvixSdkExpungeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "alice@example.com";

    @Parameter
    TestHerald server;

    Svix svix;
    Receiver receiver;

    @BeforeEach
    void setUp() {
        svix = SvixClients.connect(server);
        // a receiver that echoes what it got, as real ones do, so the attempt log holds the payload too
        receiver = Receiver.start().answering(n -> new Receiver.Answer(200, "got " + SECRET, Map.of(), Duration.ZERO));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void expungeAllContentsLeavesNoPayloadOfTheApplicationInTheStore() throws Exception {
        String app = appWithDeliveredMessages("purged", 3);
        String other = appWithDeliveredMessages("kept", 1);
        // a create sent with an idempotency key (as the SDK sends every POST) keeps its reply, payload included
        server.api().withHeader("idempotency-key", "create-once").post("/api/v1/app/" + app + "/msg",
                "{\"eventType\":\"user.updated\",\"payload\":{\"email\":\"" + SECRET + "\"}}");
        receiver.await(5, WAIT);
        awaitAttempts(app, 4);
        assertThat(storedContents(app)).as("4 payloads and responses").hasSize(8);
        assertThat(keptReplies(app)).as("the replies to the endpoint's create and the 4 messages'").isEqualTo(5);

        ExpungeAllContentsOut started = expungeAllContents(app);
        BackgroundTaskOut finished = awaitTask(started.getId());

        assertThat(started.getTask()).isEqualTo(BackgroundTaskType.APPLICATION_PURGE_CONTENT);
        assertThat(started.getStatus()).isEqualTo(BackgroundTaskStatus.RUNNING);
        assertThat(finished.getStatus()).isEqualTo(BackgroundTaskStatus.FINISHED);
        assertThat(JSON.valueToTree(finished.getData()).get("messages_purged").asLong()).isEqualTo(4);
        assertThat(storedContents(app)).isEmpty();
        assertThat(keptReplies(app)).isZero();
        assertThat(storedContents(other)).hasSize(2).allSatisfy(c -> assertThat(c).contains(SECRET));
        assertThat(keptReplies(other)).as("the replies to its endpoint's create and its message's").isEqualTo(2);
    }

    @Test
    void aFinishedExpungeIsReportedToOperationalEndpointsAsBackgroundTaskFinished() throws Exception {
        try (Receiver operator = Receiver.start()) {
            svix.getOperationalWebhookEndpoint().create(new OperationalWebhookEndpointIn()
                    .url(URI.create(operator.url("/ops"))).filterTypes(Set.of("background_task.finished")));
            String app = appWithDeliveredMessages("reported", 1);

            String taskId = expungeAllContents(app).getId();

            Receiver.Received received = operator.await(1, r -> r.bodyText().contains(taskId), WAIT).getFirst();
            JsonNode event = JSON.readTree(received.body());
            assertThat(event.get("type").asText()).isEqualTo("background_task.finished");
            assertThat(event.at("/data/taskId").asText()).isEqualTo(taskId);
            assertThat(event.at("/data/task").asText()).isEqualTo("application.purge_content");
            assertThat(event.at("/data/status").asText()).isEqualTo("finished");
            assertThat(event.at("/data/data/messages_purged").asLong()).isEqualTo(1);
        }
    }

    @Test
    void bulkExpungeExpungesTheNamedMessagesByIdOrEventId() throws Exception {
        String app = svix.getApplication().create(new ApplicationIn().name("bulk")).getId();
        svix.getEndpoint().create(app, new EndpointIn().url(URI.create(receiver.url("/bulk"))));
        String byId = send(app, null);
        send(app, "evt-2");
        String untouched = send(app, null);
        receiver.await(3, WAIT);
        awaitAttempts(app, 3);

        Api.Response answer = server.api().post("/api/v1/app/" + app + "/msg/bulk-expunge",
                Map.of("ids", List.of(byId, "evt-2", "evt-missing")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.convertValue(answer.json().get("results"), Map.class)).containsExactlyInAnyOrderEntriesOf(
                Map.of(byId, "expunged", "evt-2", "expunged", "evt-missing", "not-found"));
        assertThat(storedContents(app)).as("the untouched message's payload and response")
                .hasSize(2).allSatisfy(c -> assertThat(c).contains(SECRET));
        assertThat(keptReplies(app)).as("the replies to the endpoint's create and the untouched message's")
                .isEqualTo(2);
        assertThat(storedContentsOf(untouched)).hasSize(2);
    }

    @Test
    void bulkExpungeRefusesIdsThatCannotNameAMessage() throws Exception {
        String app = svix.getApplication().create(new ApplicationIn().name("bad ids")).getId();

        Api.Response answer = server.api().post("/api/v1/app/" + app + "/msg/bulk-expunge",
                Map.of("ids", List.of("not an id!")));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().at("/detail/0/loc/1").asText()).isEqualTo("ids");
    }

    /**
     * Starts expunge-all-contents as the SDK's {@code expungeAllContents} would, and reads the answer with the SDK's
     * model: SDK 1.99.1 cannot send this request itself (its HTTP client refuses a POST without a body).
     */
    private ExpungeAllContentsOut expungeAllContents(String app) throws Exception {
        Api.Response answer = server.api().send("POST", "/api/v1/app/" + app + "/msg/expunge-all-contents", null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return com.svix.Utils.getObjectMapper().readValue(answer.body(), ExpungeAllContentsOut.class);
    }

    /** An application whose endpoint received {@code count} messages and answered each with the secret echoed. */
    private String appWithDeliveredMessages(String name, int count) throws Exception {
        String app = svix.getApplication().create(new ApplicationIn().name(name)).getId();
        svix.getEndpoint().create(app, new EndpointIn().url(URI.create(receiver.url("/" + name))));
        for (int i = 0; i < count; i++) {
            send(app, null);
        }
        receiver.await(count, r -> r.path().equals("/" + name), WAIT);
        awaitAttempts(app, count);
        return app;
    }

    private String send(String app, String eventId) throws Exception {
        return svix.getMessage().create(app, new MessageIn().eventType("user.updated").eventId(eventId)
                .payload("{\"email\":\"" + SECRET + "\"}")).getId();
    }

    /** Waits until the attempts (with their response bodies) are recorded, which follows the delivery. */
    private void awaitAttempts(String app, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count("SELECT COUNT(*) FROM message_attempt WHERE app_id = ? AND response IS NOT NULL", app) < count) {
            assertThat(System.nanoTime()).as("attempts recorded in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private BackgroundTaskOut awaitTask(String taskId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            BackgroundTaskOut task = svix.getBackgroundTask().get(taskId);
            if (task.getStatus() != BackgroundTaskStatus.RUNNING) {
                return task;
            }
            assertThat(System.nanoTime()).as("background task finished in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Every payload and attempt response body the store holds for the application, read from the store itself. */
    private List<String> storedContents(String app) throws Exception {
        return contents("SELECT payload FROM message WHERE app_id = ? AND payload IS NOT NULL",
                "SELECT response FROM message_attempt WHERE app_id = ? AND response IS NOT NULL", app);
    }

    /**
     * How many replies the store keeps for requests that named the application; each echoes a payload, sealed
     * (none holds it in plain text).
     */
    private long keptReplies(String app) throws Exception {
        try (Connection c = store()) {
            List<String> replies = read(c, "SELECT body FROM idempotency WHERE app_key = ? AND body IS NOT NULL",
                    app, true);
            assertThat(replies).noneMatch(reply -> reply.contains(SECRET));
            return replies.size();
        }
    }

    private List<String> storedContentsOf(String msgId) throws Exception {
        return contents("SELECT payload FROM message WHERE id = ? AND payload IS NOT NULL", "SELECT response "
                + "FROM message_attempt WHERE msg_id = ? AND response IS NOT NULL", msgId);
    }

    private List<String> contents(String payloads, String responses, String key) throws Exception {
        try (Connection c = store()) {
            List<String> found = new java.util.ArrayList<>(read(c, payloads, key, true));
            found.addAll(read(c, responses, key, false));
            return found;
        }
    }

    private static List<String> read(Connection c, String sql, String key, boolean bytes) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(bytes ? new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)
                            : rs.getString(1));
                }
            }
        }
        return out;
    }

    private long count(String sql, String key) throws Exception {
        try (Connection c = store(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection store() throws Exception {
        return DriverManager.getConnection(server.postgresUrl()
                .orElse("jdbc:sqlite:" + server.dataDir().resolve("herald.db")));
    }
}
