package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import com.svix.Svix;
import com.svix.api.MessageCreateOptions;
import com.svix.models.ApplicationIn;
import com.svix.models.EndpointIn;
import com.svix.models.EventTypeIn;
import com.svix.models.MessageAttemptOut;
import com.svix.models.MessageIn;
import com.svix.models.MessageOut;
import com.svix.models.MessageStatus;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.Servers;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Delivery driven entirely through the official Svix Java SDK, received by a real HTTP receiver. */
@ParameterizedClass
@MethodSource("servers")
class SvixSdkDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameter
    TestHerald server;

    Svix svix;
    Receiver receiver;
    String appId;

    static Stream<TestHerald> servers() {
        return Servers.eachStore(Map.of(Setting.RETRY_SCHEDULE, "1s,1s,1s,1s,1s,1s,1s,1s", Setting.DISABLE_AFTER, "3s"));
    }

    @BeforeEach
    void setUp() throws Exception {
        svix = SvixClients.connect(server);
        receiver = Receiver.start();
        appId = svix.getApplication().create(new ApplicationIn().name("sdk delivery")).getId();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String endpoint(String path, Set<String> filterTypes) throws Exception {
        EndpointIn in = new EndpointIn().url(URI.create(receiver.url(path)));
        if (filterTypes != null) {
            in.filterTypes(filterTypes);
        }
        return svix.getEndpoint().create(appId, in).getId();
    }

    private MessageOut send(String eventType) throws Exception {
        return svix.getMessage().create(appId, new MessageIn().eventType(eventType).payload("{\"n\":1}"));
    }

    private List<MessageAttemptOut> attempts(String msgId, int atLeast) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<MessageAttemptOut> attempts = List.of();
        while (System.nanoTime() < deadline) {
            attempts = svix.getMessageAttempt().listByMsg(appId, msgId).getData();
            if (attempts.size() >= atLeast) {
                return attempts;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + atLeast + " attempts of " + msgId + ", got " + attempts.size());
    }

    @Test
    void filtersByEventTypeAndSignsSoAnIndependentVerifierAccepts() throws Exception {
        for (String type : List.of("invoice.paid", "user.created")) {
            svix.getEventType().create(new EventTypeIn().name(type).description(type));
        }
        String all = endpoint("/all", null);
        endpoint("/invoices", Set.of("invoice.paid"));

        send("user.created");
        send("invoice.paid");

        receiver.await(3, WAIT);
        List<Receiver.Received> received = receiver.settle(Duration.ofMillis(500));
        assertThat(received).extracting(Receiver.Received::path)
                .containsExactlyInAnyOrder("/all", "/all", "/invoices");
        String secret = svix.getEndpoint().getSecret(appId, all).getKey();
        for (Receiver.Received request : receiver.received(r -> r.path().equals("/all"))) {
            new Webhook(secret).verify(request.bodyText(), HttpHeaders.of(Map.of(
                    "webhook-id", List.of(request.header("webhook-id")),
                    "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                    "webhook-signature", List.of(request.header("webhook-signature"))), (a, b) -> true));
        }
    }

    @Test
    void aFailedAttemptAndTheSuccessfulRetryShowInTheAttemptLog() throws Exception {
        receiver.answering(n -> n == 0 ? new Receiver.Answer(500, "try later", Map.of(), Duration.ZERO)
                : Receiver.Answer.status(200));
        endpoint("/flaky", null);

        MessageOut message = send("user.created");

        List<MessageAttemptOut> log = attempts(message.getId(), 2);
        assertThat(log).extracting(MessageAttemptOut::getStatus)
                .containsExactlyInAnyOrder(MessageStatus.FAIL, MessageStatus.SUCCESS);
        assertThat(log).extracting(MessageAttemptOut::getResponseStatusCode)
                .containsExactlyInAnyOrder((short) 500, (short) 200);
        assertThat(log).filteredOn(a -> a.getStatus() == MessageStatus.FAIL)
                .extracting(MessageAttemptOut::getResponse).containsExactly("try later");
    }

    @Test
    void anIdempotencyKeyMakesARetriedCreateDeliverOnce() throws Exception {
        endpoint("/once", null);
        MessageCreateOptions options = new MessageCreateOptions();
        options.setIdempotencyKey("sdk-retry-" + System.nanoTime());
        MessageIn in = new MessageIn().eventType("user.created").payload("{\"n\":1}");

        MessageOut first = svix.getMessage().create(appId, in, options);
        MessageOut retried = svix.getMessage().create(appId, in, options);

        assertThat(retried.getId()).isEqualTo(first.getId());
        receiver.await(1, WAIT);
        assertThat(receiver.settle(Duration.ofMillis(1000))).hasSize(1);
    }

    @Test
    void honoursRetryAfter() throws Exception {
        receiver.answering(n -> n == 0 ? new Receiver.Answer(429, "", Map.of("Retry-After", "2"), Duration.ZERO)
                : Receiver.Answer.status(200));
        endpoint("/busy", null);

        send("user.created");

        List<Receiver.Received> requests = receiver.await(2, WAIT);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void disablesAnEndpointThatKeepsFailing() throws Exception {
        receiver.answering(n -> Receiver.Answer.status(503));
        String endpointId = endpoint("/down", null);

        send("user.created");

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Boolean.TRUE.equals(svix.getEndpoint().get(appId, endpointId).getDisabled())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(svix.getEndpoint().get(appId, endpointId).getDisabled()).isTrue();
    }
}
