package dev.herald.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import com.svix.Svix;
import com.svix.api.MessageAttemptListByEndpointOptions;
import com.svix.api.MessageAttemptListByMsgOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.AppUsageStatsIn;
import com.svix.models.AppUsageStatsOut;
import com.svix.models.ApplicationIn;
import com.svix.models.BackgroundTaskOut;
import com.svix.models.BackgroundTaskStatus;
import com.svix.models.BackgroundTaskType;
import com.svix.models.BulkReplayIn;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointMessageOut;
import com.svix.models.EndpointPatch;
import com.svix.models.EndpointStats;
import com.svix.models.EventExampleIn;
import com.svix.models.EventTypeIn;
import com.svix.models.MessageAttemptOut;
import com.svix.models.MessageAttemptTriggerType;
import com.svix.models.MessageEndpointOut;
import com.svix.models.MessageIn;
import com.svix.models.MessageOut;
import com.svix.models.MessagePrecheckIn;
import com.svix.models.MessageStatus;
import com.svix.models.MessageStatusText;
import com.svix.models.RecoverIn;
import com.svix.models.RecoverOut;
import com.svix.models.ReplayIn;
import com.svix.models.ReplayOut;
import com.svix.models.StatusCodeClass;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.time.OffsetDateTime;
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
 * The official Svix Java SDK (strict about enums and required fields) against Herald's attempt log, recovery,
 * precheck and usage statistics: every answer must deserialise into the SDK's models.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SvixSdkAttemptsTest {
    @Parameter
    TestHerald server;

    Svix svix;
    Receiver receiver;
    String appId;
    String endpointId;

    @BeforeEach
    void setUp() throws Exception {
        svix = SvixClients.connect(server);
        receiver = Receiver.start();
        appId = svix.getApplication().create(new ApplicationIn().name("sdk")).getId();
        endpointId = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(receiver.url("/sdk"))))
                .getId();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private MessageOut sendAndAwaitAttempt() throws Exception {
        MessageOut message = svix.getMessage().create(appId,
                new MessageIn().eventType("user.created").payload("{\"name\":\"Ada\"}"));
        new Steps(server.api()).awaitList("/api/v1/app/" + appId + "/attempt/msg/" + message.getId(), 1);
        return message;
    }

    @Test
    void listsAttemptsByMessageAndByEndpoint() throws Exception {
        MessageOut message = sendAndAwaitAttempt();

        List<MessageAttemptOut> byMsg = svix.getMessageAttempt().listByMsg(appId, message.getId(),
                new MessageAttemptListByMsgOptions()).getData();
        MessageAttemptListByEndpointOptions options = new MessageAttemptListByEndpointOptions();
        options.setStatusCodeClass(StatusCodeClass.CODE2XX);
        options.setWithMsg(true);
        List<MessageAttemptOut> byEndpoint = svix.getMessageAttempt().listByEndpoint(appId, endpointId, options)
                .getData();

        assertThat(byMsg).hasSize(1);
        MessageAttemptOut attempt = byMsg.get(0);
        assertThat(attempt.getStatus()).isEqualTo(MessageStatus.SUCCESS);
        assertThat(attempt.getStatusText()).isEqualTo(MessageStatusText.SUCCESS);
        assertThat(attempt.getTriggerType()).isEqualTo(MessageAttemptTriggerType.SCHEDULED);
        assertThat(attempt.getResponseStatusCode()).isEqualTo((short) 200);
        assertThat(attempt.getUrl()).isEqualTo(URI.create(receiver.url("/sdk")));
        assertThat(byEndpoint).extracting(MessageAttemptOut::getId).containsExactly(attempt.getId());
        assertThat(byEndpoint.get(0).getMsg().getId()).isEqualTo(message.getId());
        assertThat(svix.getMessageAttempt().get(appId, message.getId(), attempt.getId()).getId())
                .isEqualTo(attempt.getId());
    }

    @Test
    void listsAttemptedMessagesAndDestinations() throws Exception {
        MessageOut message = sendAndAwaitAttempt();

        List<EndpointMessageOut> messages = svix.getMessageAttempt().listAttemptedMessages(appId, endpointId)
                .getData();
        List<MessageEndpointOut> destinations = svix.getMessageAttempt()
                .listAttemptedDestinations(appId, message.getId()).getData();

        assertThat(messages).extracting(EndpointMessageOut::getId).containsExactly(message.getId());
        assertThat(messages.get(0).getStatus()).isEqualTo(MessageStatus.SUCCESS);
        assertThat(destinations).extracting(MessageEndpointOut::getId).containsExactly(endpointId);
        assertThat(destinations.get(0).getStatusText()).isEqualTo(MessageStatusText.SUCCESS);
    }

    @Test
    void resendsRecoversAndReplays() throws Exception {
        MessageOut message = sendAndAwaitAttempt();

        // SDK 1.99.1's resend() cannot reach any server: it POSTs without a body, which OkHttp refuses before
        // sending. The same request without the SDK:
        var resend = server.api().post("/api/v1/app/" + appId + "/msg/" + message.getId() + "/endpoint/"
                + endpointId + "/resend", null);
        assertThat(resend.status()).isEqualTo(202);
        receiver.await(2, Steps.WAIT);
        RecoverOut recover = svix.getEndpoint().recover(appId, endpointId,
                new RecoverIn().since(OffsetDateTime.now().minusHours(1)));
        ReplayOut replay = svix.getEndpoint().replayMissing(appId, endpointId,
                new ReplayIn().since(OffsetDateTime.now().minusHours(1)));

        assertThat(recover.getTask()).isEqualTo(BackgroundTaskType.ENDPOINT_RECOVER);
        assertThat(recover.getStatus()).isEqualTo(BackgroundTaskStatus.RUNNING);
        assertThat(replay.getTask()).isEqualTo(BackgroundTaskType.ENDPOINT_REPLAY);
        BackgroundTaskOut task = awaitFinished(recover.getId());
        assertThat(task.getData()).isEqualTo(Map.of("messagesSent", 0));
        assertThat(svix.getBackgroundTask().list().getData()).extracting(BackgroundTaskOut::getId)
                .contains(recover.getId(), replay.getId());
    }

    @Test
    void readsStatsAndSendsAnExample() throws Exception {
        sendAndAwaitAttempt();

        MessageOut example = svix.getEndpoint().sendExample(appId, endpointId,
                new EventExampleIn().eventType("svix.ping"));
        receiver.await(2, Steps.WAIT);
        EndpointStats stats = svix.getEndpoint().getStats(appId, endpointId);

        assertThat(example.getEventType()).isEqualTo("svix.ping");
        assertThat(stats.getSuccess() + stats.getPending() + stats.getSending()).isEqualTo(2);
        assertThat(stats.getFail()).isZero();
        assertThat(stats.getCanceled()).isZero();
    }

    @Test
    void precheckTellsWhetherAnEnabledEndpointWouldReceiveTheMessage() throws Exception {
        svix.getEventType().create(new EventTypeIn().name("order.created").description("an order"));
        String app = svix.getApplication().create(new ApplicationIn().name("precheck")).getId();
        String filtered = svix.getEndpoint().create(app, new EndpointIn().url(URI.create(receiver.url("/f")))
                .filterTypes(Set.of("order.created")).channels(Set.of("eu"))).getId();

        boolean matching = precheck(app, "order.created", List.of("eu", "us"));
        boolean otherType = precheck(app, "user.deleted", List.of("eu"));
        boolean otherChannel = precheck(app, "order.created", List.of("us"));
        svix.getEndpoint().patch(app, filtered, new EndpointPatch().disabled(true));
        boolean disabled = precheck(app, "order.created", List.of("eu"));

        assertThat(matching).isTrue();
        assertThat(otherType).isFalse();
        assertThat(otherChannel).isFalse();
        assertThat(disabled).isFalse();
        assertThatThrownBy(() -> precheck("no-such-app", "order.created", List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void bulkReplaySendsAgainTheDeliveredMessagesTheFilterLetsThrough() throws Exception {
        send("user.created");
        send("user.created");
        send("order.shipped");
        receiver.await(3, Steps.WAIT);

        ReplayOut replay = svix.getEndpoint().bulkReplay(appId, endpointId, new BulkReplayIn()
                .since(OffsetDateTime.now().minusHours(1)).eventTypes(Set.of("user.created")));
        BackgroundTaskOut task = awaitFinished(replay.getId());
        receiver.await(5, Steps.WAIT);

        assertThat(replay.getTask()).isEqualTo(BackgroundTaskType.ENDPOINT_BULK_REPLAY);
        assertThat(task.getData()).isEqualTo(Map.of("messagesSent", 2));
        assertThat(receiver.received()).extracting(r -> r.bodyText().contains("user.created"))
                .containsExactlyInAnyOrder(true, true, false, true, true);
    }

    @Test
    void appUsageStatsCountMessageDestinationsAndNameUnresolvedApps() throws Exception {
        svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(receiver.url("/second"))));
        send("user.created");
        OffsetDateTime now = OffsetDateTime.now();

        AppUsageStatsOut started = svix.getStatistics().aggregateAppStats(new AppUsageStatsIn()
                .since(now.minusHours(1)).until(now.plusHours(1)).appIds(Set.of(appId, "missing-app")));
        BackgroundTaskOut task = awaitFinished(started.getId());

        assertThat(started.getTask()).isEqualTo(BackgroundTaskType.APPLICATION_STATS);
        assertThat(started.getUnresolvedAppIds()).containsExactly("missing-app");
        assertThat(((Map<?, ?>) task.getData()).get("appStats"))
                .asInstanceOf(LIST)
                .containsExactly(Map.of("messageDestinations", 2, "appId", appId));
        assertThatThrownBy(() -> svix.getStatistics().aggregateAppStats(new AppUsageStatsIn()
                .since(now.minusHours(1)).until(now).appIds(Set.of("missing-app"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void eventTypeAggregateListsWhatEachApplicationsEndpointsSubscribeTo() throws Exception {
        svix.getEventType().create(new EventTypeIn().name("invoice.paid").description("paid"));
        String app = svix.getApplication().create(new ApplicationIn().name("filtered")).getId();
        svix.getEndpoint().create(app, new EndpointIn().url(URI.create(receiver.url("/f")))
                .filterTypes(Set.of("invoice.paid")));

        // SDK 1.99.1's aggregateEventTypes() cannot reach any server: it PUTs without a body, which OkHttp refuses
        // before sending. The same request without the SDK:
        var started = server.api().put("/api/v1/stats/usage/event-types", null);
        BackgroundTaskOut task = awaitFinished(started.json().get("id").asText());

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("task").asText()).isEqualTo(BackgroundTaskType.EVENT_TYPE_AGGREGATE.getValue());
        assertThat(((Map<?, ?>) task.getData()).get("event_types"))
                .asInstanceOf(LIST)
                .contains(Map.of("appId", appId, "explicitlySubscribedEventTypes", List.of(),
                                "hasCatchAllEndpoint", true),
                        Map.of("appId", app, "explicitlySubscribedEventTypes", List.of("invoice.paid"),
                                "hasCatchAllEndpoint", false));
    }

    private boolean precheck(String app, String eventType, List<String> channels) throws Exception {
        MessagePrecheckIn in = new MessagePrecheckIn().eventType(eventType);
        if (!channels.isEmpty()) {
            in.channels(Set.copyOf(channels));
        }
        return svix.getMessage().precheck(app, in).getActive();
    }

    private void send(String eventType) throws Exception {
        svix.getMessage().create(appId, new MessageIn().eventType(eventType)
                .payload("{\"type\":\"" + eventType + "\"}"));
    }

    private BackgroundTaskOut awaitFinished(String taskId) throws Exception {
        long deadline = System.nanoTime() + Steps.WAIT.toNanos();
        BackgroundTaskOut task = svix.getBackgroundTask().get(taskId);
        while (task.getStatus() == BackgroundTaskStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
            task = svix.getBackgroundTask().get(taskId);
        }
        assertThat(task.getStatus()).isEqualTo(BackgroundTaskStatus.FINISHED);
        return task;
    }
}
