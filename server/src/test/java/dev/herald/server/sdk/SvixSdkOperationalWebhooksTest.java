package dev.herald.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.svix.Svix;
import com.svix.api.OperationalWebhookEndpointListOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointPatch;
import com.svix.models.MessageIn;
import com.svix.models.OperationalWebhookEndpointHeadersIn;
import com.svix.models.OperationalWebhookEndpointIn;
import com.svix.models.OperationalWebhookEndpointOut;
import com.svix.models.OperationalWebhookEndpointSecretIn;
import com.svix.models.OperationalWebhookEndpointUpdate;
import com.svix.models.Ordering;
import dev.herald.server.auth.Authenticator;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.AppTokens;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.Servers;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Operational webhook endpoints managed through the official Svix Java SDK: they receive Herald's operational
 * events, filtered by their event types and signed with their own secrets.
 */
@ParameterizedClass
@MethodSource("servers")
class SvixSdkOperationalWebhooksTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestHerald server;

    Svix svix;
    Receiver operator;

    static Stream<TestHerald> servers() {
        return Servers.eachStore(Map.of(Setting.RETRY_SCHEDULE, "1s,1s,1s,1s,1s,1s,1s,1s",
                Setting.DISABLE_AFTER, "2s"));
    }

    @BeforeEach
    void setUp() {
        svix = SvixClients.connect(server);
        operator = Receiver.start();
    }

    @AfterEach
    void tearDown() {
        operator.close();
    }

    @Test
    void anOperationalEndpointReceivesEndpointDisabledSignedWithItsOwnSecret() throws Exception {
        try (Receiver failing = Receiver.start().answering(n -> Receiver.Answer.status(500))) {
            OperationalWebhookEndpointOut ops = svix.getOperationalWebhookEndpoint().create(
                    new OperationalWebhookEndpointIn().url(URI.create(operator.url("/ops")))
                            .filterTypes(Set.of("endpoint.disabled")));
            String appId = svix.getApplication().create(new ApplicationIn().name("customer")).getId();
            String down = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(failing.url("/down"))))
                    .getId();

            svix.getMessage().create(appId, new MessageIn().eventType("order.created").payload("{\"id\":1}"));

            Receiver.Received event = awaitEvent("endpoint.disabled", down);
            String secret = svix.getOperationalWebhookEndpoint().getSecret(ops.getId()).getKey();
            new Webhook(secret).verify(event.bodyText(), signatureHeaders(event));
            JsonNode data = JSON.readTree(event.body()).get("data");
            assertThat(data.get("appId").asText()).isEqualTo(appId);
            assertThat(data.get("trigger").asText()).isEqualTo("automatic");
            assertThat(data.get("failSince").asText()).isNotEmpty();
            assertThat(operator.received()).allSatisfy(r -> assertThat(type(r)).isEqualTo("endpoint.disabled"));
        }
    }

    @Test
    void anExhaustedMessageIsReportedWithItsIdsAndLastAttempt() throws Exception {
        try (Receiver gone = Receiver.start().answering(n -> Receiver.Answer.status(410))) {
            svix.getOperationalWebhookEndpoint().create(new OperationalWebhookEndpointIn()
                    .url(URI.create(operator.url("/ops"))).filterTypes(Set.of("message.attempt.exhausted")));
            String appId = svix.getApplication().create(new ApplicationIn().name("gone")).getId();
            String ep = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create(gone.url("/gone")))).getId();

            String msgId = svix.getMessage().create(appId, new MessageIn().eventType("order.created")
                    .eventId("order-42").payload("{\"id\":42}")).getId();

            JsonNode data = JSON.readTree(awaitEvent("message.attempt.exhausted", ep).body()).get("data");
            assertThat(data.get("appId").asText()).isEqualTo(appId);
            assertThat(data.get("msgId").asText()).isEqualTo(msgId);
            assertThat(data.get("msgEventId").asText()).isEqualTo("order-42");
            assertThat(data.at("/lastAttempt/responseStatusCode").asInt()).isEqualTo(410);
            assertThat(data.at("/lastAttempt/id").asText()).startsWith("atmpt_");
        }
    }

    @Test
    void manuallyDisablingAndEnablingAnEndpointRaisesEndpointDisabledAndEndpointEnabled() throws Exception {
        svix.getOperationalWebhookEndpoint().create(new OperationalWebhookEndpointIn()
                .url(URI.create(operator.url("/ops"))).filterTypes(Set.of("endpoint.disabled", "endpoint.enabled")));
        String appId = svix.getApplication().create(new ApplicationIn().name("toggled")).getId();
        String ep = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("https://example.com/a")))
                .getId();

        svix.getEndpoint().patch(appId, ep, new EndpointPatch().disabled(true));
        Receiver.Received disabled = awaitEvent("endpoint.disabled", ep);
        svix.getEndpoint().patch(appId, ep, new EndpointPatch().disabled(false));
        Receiver.Received enabled = awaitEvent("endpoint.enabled", ep);

        assertThat(JSON.readTree(disabled.body()).at("/data/trigger").asText()).isEqualTo("manual");
        assertThat(JSON.readTree(enabled.body()).at("/data/appId").asText()).isEqualTo(appId);
    }

    @Test
    void theEventOfAnEndpointChangeIsStoredBeforeTheCallAnswers() throws Exception {
        String appId = svix.getApplication().create(new ApplicationIn().name("stored first")).getId();

        String ep = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("https://example.com/c")))
                .getId();

        JsonNode events = server.api().get("/api/v1/app/herald-operational/msg?event_types=endpoint.created"
                + "&limit=250").json().get("data");
        assertThat(events).anySatisfy(m -> assertThat(m.at("/payload/data/endpointId").asText()).isEqualTo(ep));
    }

    @Test
    void eventsAboutTheOperationalEndpointsThemselvesAreNotRaised() throws Exception {
        svix.getOperationalWebhookEndpoint().create(new OperationalWebhookEndpointIn()
                .url(URI.create(operator.url("/ops"))));
        svix.getOperationalWebhookEndpoint().create(new OperationalWebhookEndpointIn()
                .url(URI.create("https://example.com/other-ops")));
        String appId = svix.getApplication().create(new ApplicationIn().name("watched")).getId();
        String ep = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("https://example.com/b")))
                .getId();

        awaitEvent("endpoint.created", ep);

        assertThat(operator.settle(Duration.ofMillis(500))).allSatisfy(r ->
                assertThat(JSON.readTree(r.body()).at("/data/appUid").asText()).isNotEqualTo("herald-operational"));
    }

    @Test
    void managesOperationalEndpoints() throws Exception {
        var api = svix.getOperationalWebhookEndpoint();
        OperationalWebhookEndpointOut created = api.create(new OperationalWebhookEndpointIn()
                .url(URI.create("https://example.com/ops")).uid("ops-main").description("on call")
                .filterTypes(Set.of("message.attempt.exhausted")).throttleRate(5L).metadata(Map.of("team", "sre")));
        for (int i = 0; i < 5; i++) {
            api.create(new OperationalWebhookEndpointIn().url(URI.create("https://example.com/ops-" + i)));
        }

        List<String> ids = pageThroughOperationalEndpoints();
        OperationalWebhookEndpointOut byUid = api.get("ops-main");
        OperationalWebhookEndpointOut updated = api.update("ops-main", new OperationalWebhookEndpointUpdate()
                .url(URI.create("https://example.com/ops2")).filterTypes(Set.of("background_task.finished")));
        api.updateHeaders(created.getId(), new OperationalWebhookEndpointHeadersIn()
                .headers(Map.of("X-Team", "sre", "Authorization", "Bearer hidden")));
        var headers = api.getHeaders(created.getId());
        String first = api.getSecret(created.getId()).getKey();
        api.rotateSecret(created.getId(), new OperationalWebhookEndpointSecretIn());
        String second = api.getSecret(created.getId()).getKey();
        api.delete(created.getId());

        assertThat(created.getFilterTypes()).containsExactly("message.attempt.exhausted");
        assertThat(created.getThrottleRate()).isEqualTo(5L);
        assertThat(created.getMetadata()).containsEntry("team", "sre");
        assertThat(ids).contains(created.getId()).hasSizeGreaterThanOrEqualTo(6).doesNotHaveDuplicates();
        assertThat(byUid.getId()).isEqualTo(created.getId());
        assertThat(updated.getUrl()).isEqualTo(URI.create("https://example.com/ops2"));
        assertThat(updated.getFilterTypes()).containsExactly("background_task.finished");
        assertThat(headers.getHeaders()).containsOnly(Map.entry("X-Team", "sre"));
        assertThat(headers.getSensitive()).containsExactly("Authorization");
        assertThat(first).startsWith("whsec_");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThatThrownBy(() -> api.get(created.getId())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void aPutToAnUnknownUidCreatesTheOperationalEndpointWithSvixsFieldsAnd200() {
        Api.Response put = server.api().put("/api/v1/operational-webhook/endpoint/ops-by-put",
                Map.of("url", "https://example.com/by-put", "filterTypes", List.of("endpoint.created")));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        List<String> fields = new ArrayList<>();
        put.json().fieldNames().forEachRemaining(fields::add);
        // Svix's OperationalWebhookEndpointOut, plus filterTypes, the older name SDK 1.x reads
        assertThat(fields).containsExactlyInAnyOrder("id", "uid", "url", "description", "disabled", "eventTypes",
                "filterTypes", "metadata", "createdAt", "updatedAt");
        assertThat(put.json().get("uid").asText()).isEqualTo("ops-by-put");
    }

    @Test
    void anOperationalEndpointMayOnlyFilterOnEventTypesHeraldRaises() {
        assertThatThrownBy(() -> svix.getOperationalWebhookEndpoint().create(new OperationalWebhookEndpointIn()
                .url(URI.create("https://example.com/ops")).filterTypes(Set.of("order.created"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void anApplicationTokenMayNotManageOperationalEndpoints() throws Exception {
        String appId = svix.getApplication().create(new ApplicationIn().name("portal")).getId();
        Api scoped = server.api().withToken(AppTokens.forApp(Authenticator.DEFAULT_ORG, appId));

        var answer = scoped.get("/api/v1/operational-webhook/endpoint");

        assertThat(answer.status()).isEqualTo(403);
    }

    /** Waits for an event of this type about this endpoint. */
    private Receiver.Received awaitEvent(String type, String endpointId) {
        return operator.await(1, r -> type.equals(type(r)) && endpointId.equals(field(r, "/data/endpointId")), WAIT)
                .getFirst();
    }

    private static String type(Receiver.Received r) {
        return field(r, "/type");
    }

    private static String field(Receiver.Received r, String pointer) {
        try {
            return JSON.readTree(r.body()).at(pointer).asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("an operational event is not JSON: " + r.bodyText(), e);
        }
    }

    private static HttpHeaders signatureHeaders(Receiver.Received r) {
        return HttpHeaders.of(Map.of(
                "webhook-id", List.of(r.header("webhook-id")),
                "webhook-timestamp", List.of(r.header("webhook-timestamp")),
                "webhook-signature", List.of(r.header("webhook-signature"))), (a, b) -> true);
    }

    private List<String> pageThroughOperationalEndpoints() throws Exception {
        List<String> ids = new ArrayList<>();
        String iterator = null;
        boolean done = false;
        while (!done) {
            OperationalWebhookEndpointListOptions options = new OperationalWebhookEndpointListOptions();
            options.setLimit(2L);
            options.setIterator(iterator);
            options.setOrder(Ordering.ASCENDING);
            var page = svix.getOperationalWebhookEndpoint().list(options);
            page.getData().forEach(ep -> ids.add(ep.getId()));
            iterator = page.getIterator();
            done = page.getDone();
        }
        return ids;
    }
}
