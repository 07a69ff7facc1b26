package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Svix;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.EndpointIn;
import com.svix.models.MessageIn;
import com.svix.models.MessageOut;
import com.svix.models.ReplayIn;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scheduled messages ({@code deliverAt}) through the official Svix Java SDK, on both stores. The server's clock is a
 * {@link MutableClock}: the poller runs every 250 ms of real time and reads it, so moving it past the delivery time
 * makes the message due without waiting a minute.
 *
 * <p>The SDK's {@code Message.create} (1.99.1) drops {@code deliverAt}: it copies MessageIn into an internal body
 * with every field but that one. So the message is created with the SDK's own HTTP client and its MessageIn model,
 * as the SDK would send it were that copy complete, and read back with the SDK's ordinary calls.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SvixSdkScheduledDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameter
    StoreKind store;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private TestHerald server;
    private Receiver receiver;
    private Svix svix;
    private String appId;

    @BeforeEach
    void setUp() throws Exception {
        server = TestHerald.start(store, Map.of(), clock);
        receiver = Receiver.start();
        svix = SvixClients.connect(server);
        appId = svix.getApplication().create(new ApplicationIn().name("scheduled")).getId();
        svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(receiver.url("/later"))));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        server.close();
    }

    private OffsetDateTime inFuture(Duration ahead) {
        return clock.instant().plus(ahead).atOffset(ZoneOffset.UTC);
    }

    private MessageIn scheduled(OffsetDateTime at) {
        return new MessageIn().eventType("report.ready").payload("{\"n\":1}").deliverAt(at)
                .transformationsParams(Map.of("rawPayload", "{\"n\":1}"));
    }

    private MessageOut create(MessageIn in) throws Exception {
        HttpUrl url = svix.getHttpClient().newUrlBuilder().encodedPath("/api/v1/app/" + appId + "/msg").build();
        return svix.getHttpClient().executeRequest("POST", url, Headers.of(), in, MessageOut.class);
    }

    @Test
    void deliversAScheduledMessageOnlyOnceItsTimeHasComeEvenAcrossARestart() throws Exception {
        OffsetDateTime at = inFuture(Duration.ofMinutes(5));

        MessageOut created = create(scheduled(at));

        assertThat(created.getDeliverAt()).isEqualTo(at);
        assertThat(receiver.settle(Duration.ofMillis(1500))).isEmpty();

        server.stop();
        clock.advance(Duration.ofMinutes(4));
        server.startServer(clock);
        svix = SvixClients.connect(server);
        assertThat(svix.getMessage().get(appId, created.getId()).getDeliverAt()).isEqualTo(at);
        assertThat(receiver.settle(Duration.ofMillis(1500))).isEmpty();

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        List<Receiver.Received> delivered = receiver.await(1, WAIT);
        assertThat(delivered).extracting(r -> r.header("webhook-id")).containsExactly(created.getId());
    }

    @Test
    void replayingMissingMessagesToANewEndpointKeepsAScheduledMessageForItsTime() throws Exception {
        OffsetDateTime since = inFuture(Duration.ofMinutes(-1));
        MessageOut created = create(scheduled(inFuture(Duration.ofMinutes(5))));
        String late = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(receiver.url("/late"))))
                .getId();

        svix.getEndpoint().replayMissing(appId, late, new ReplayIn().since(since));

        assertThat(receiver.settle(Duration.ofMillis(1500))).isEmpty();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        List<Receiver.Received> delivered = receiver.await(2, WAIT);
        assertThat(delivered).extracting(Receiver.Received::path).containsExactlyInAnyOrder("/later", "/late");
        assertThat(delivered).extracting(r -> r.header("webhook-id")).containsOnly(created.getId());
    }

    @Test
    void aMessageWithoutDeliverAtIsDeliveredAtOnceAndSaysSo() throws Exception {
        MessageOut created = svix.getMessage().create(appId,
                new MessageIn().eventType("report.ready").payload("{\"n\":1}"));

        assertThat(created.getDeliverAt()).isNull();
        assertThat(receiver.await(1, WAIT)).hasSize(1);
    }

    @Test
    void refusesADeliverAtLessThanAMinuteAhead() {
        assertThatThrownBy(() -> create(scheduled(inFuture(Duration.ofSeconds(30)))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseBody()).contains("deliverAt", "at least one minute");
                });
    }

    @Test
    void refusesADeliverAtMoreThanADayAhead() {
        assertThatThrownBy(() -> create(scheduled(inFuture(Duration.ofHours(25)))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }
}
