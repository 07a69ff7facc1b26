package dev.herald.server.portal;

import static com.svix.models.AppPortalCapability.CREATE_ATTEMPTS;
import static com.svix.models.AppPortalCapability.MANAGE_ENDPOINT;
import static com.svix.models.AppPortalCapability.MANAGE_ENDPOINT_SECRET;
import static com.svix.models.AppPortalCapability.MANAGE_TRANSFORMATIONS;
import static com.svix.models.AppPortalCapability.VIEW_BASE;
import static com.svix.models.AppPortalCapability.VIEW_ENDPOINT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.svix.Svix;
import com.svix.SvixOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.AppPortalAccessIn;
import com.svix.models.AppPortalCapability;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationPatch;
import com.svix.models.BulkReplayIn;
import com.svix.models.EmptyResponse;
import com.svix.models.EndpointHeadersIn;
import com.svix.models.EndpointHeadersPatchIn;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointPatch;
import com.svix.models.EndpointSecretRotateIn;
import com.svix.models.EndpointUpdate;
import com.svix.models.EventExampleIn;
import com.svix.models.EventTypeIn;
import com.svix.models.ExpungeAllContentsOut;
import com.svix.models.MessageIn;
import com.svix.models.RecoverIn;
import com.svix.models.ReplayIn;
import dev.herald.server.testing.AttemptLog;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The app portal's token, used as the official Svix Java SDK's API key, against every SDK operation that takes an
 * application: on its own application each operation goes through exactly when the token holds one of the
 * capabilities the table below names for it, and on another application every operation is refused. The table is
 * the specification; {@code AppScopedTokenRoutesTest} holds the same rights route by route over raw HTTP.
 */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SvixSdkPortalScopeTest {
    private static final Set<AppPortalCapability> NO_CAPABILITY = Set.of();
    private static final Set<AppPortalCapability> VIEWING = Set.of(VIEW_BASE);
    private static final Set<AppPortalCapability> SECRET_VIEWING =
            Set.of(VIEW_ENDPOINT_SECRET, MANAGE_ENDPOINT_SECRET, MANAGE_ENDPOINT);
    private static final Set<AppPortalCapability> SECRET_ROTATING = Set.of(MANAGE_ENDPOINT_SECRET, MANAGE_ENDPOINT);
    private static final Set<AppPortalCapability> ENDPOINT_MANAGING = Set.of(MANAGE_ENDPOINT);
    private static final Set<AppPortalCapability> ATTEMPT_CREATING = Set.of(CREATE_ATTEMPTS);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /**
     * Every SDK operation that takes an application, with the capabilities any one of which allows it (none: no
     * portal token may call it). Deletions come last so the others still find what they name.
     */
    private static final List<Operation> APPLICATION_OPERATIONS = List.of(
            new Operation("application.get", VIEWING, (svix, on) -> svix.getApplication().get(on.app())),
            new Operation("application.update", NO_CAPABILITY,
                    (svix, on) -> svix.getApplication().update(on.app(), new ApplicationIn().name("Renamed"))),
            new Operation("application.patch", NO_CAPABILITY,
                    (svix, on) -> svix.getApplication().patch(on.app(), new ApplicationPatch().name("Patched"))),
            new Operation("endpoint.list", VIEWING, (svix, on) -> svix.getEndpoint().list(on.app())),
            new Operation("endpoint.create", ENDPOINT_MANAGING, (svix, on) -> svix.getEndpoint().create(on.app(),
                    new EndpointIn().url(URI.create("http://127.0.0.1:9/created")))),
            new Operation("endpoint.get", VIEWING, (svix, on) -> svix.getEndpoint().get(on.app(), on.endpoint())),
            new Operation("endpoint.update", ENDPOINT_MANAGING, (svix, on) -> svix.getEndpoint().update(on.app(),
                    on.endpoint(), new EndpointUpdate().url(URI.create("http://127.0.0.1:9/updated")))),
            new Operation("endpoint.patch", ENDPOINT_MANAGING, (svix, on) -> svix.getEndpoint().patch(on.app(),
                    on.endpoint(), new EndpointPatch().description("patched"))),
            new Operation("endpoint.get-secret", SECRET_VIEWING,
                    (svix, on) -> svix.getEndpoint().getSecret(on.app(), on.endpoint())),
            new Operation("endpoint.rotate-secret", SECRET_ROTATING, (svix, on) -> svix.getEndpoint()
                    .rotateSecret(on.app(), on.endpoint(), new EndpointSecretRotateIn())),
            new Operation("endpoint.get-headers", VIEWING,
                    (svix, on) -> svix.getEndpoint().getHeaders(on.app(), on.endpoint())),
            new Operation("endpoint.update-headers", ENDPOINT_MANAGING, (svix, on) -> svix.getEndpoint()
                    .updateHeaders(on.app(), on.endpoint(), new EndpointHeadersIn().headers(Map.of("X-Team", "a")))),
            new Operation("endpoint.patch-headers", ENDPOINT_MANAGING, (svix, on) -> svix.getEndpoint().patchHeaders(
                    on.app(), on.endpoint(), new EndpointHeadersPatchIn().headers(Map.of("X-Team", "b")))),
            new Operation("endpoint.get-stats", VIEWING,
                    (svix, on) -> svix.getEndpoint().getStats(on.app(), on.endpoint())),
            new Operation("endpoint.recover", ATTEMPT_CREATING, (svix, on) -> svix.getEndpoint()
                    .recover(on.app(), on.endpoint(), new RecoverIn().since(anHourAgo()))),
            new Operation("endpoint.replay-missing", ATTEMPT_CREATING, (svix, on) -> svix.getEndpoint()
                    .replayMissing(on.app(), on.endpoint(), new ReplayIn().since(anHourAgo()))),
            new Operation("endpoint.bulk-replay", ATTEMPT_CREATING, (svix, on) -> svix.getEndpoint()
                    .bulkReplay(on.app(), on.endpoint(), new BulkReplayIn().since(anHourAgo()))),
            new Operation("endpoint.send-example", ATTEMPT_CREATING, (svix, on) -> svix.getEndpoint()
                    .sendExample(on.app(), on.endpoint(), new EventExampleIn().eventType("svix.ping"))),
            new Operation("message.list", VIEWING, (svix, on) -> svix.getMessage().list(on.app())),
            new Operation("message.create", NO_CAPABILITY, (svix, on) -> svix.getMessage().create(on.app(),
                    new MessageIn().eventType("user.created").payload("{\"id\":2}"))),
            new Operation("message.get", VIEWING, (svix, on) -> svix.getMessage().get(on.app(), on.message())),
            new Operation("message-attempt.list-by-endpoint", VIEWING,
                    (svix, on) -> svix.getMessageAttempt().listByEndpoint(on.app(), on.endpoint())),
            new Operation("message-attempt.list-by-msg", VIEWING,
                    (svix, on) -> svix.getMessageAttempt().listByMsg(on.app(), on.message())),
            new Operation("message-attempt.list-attempted-messages", VIEWING,
                    (svix, on) -> svix.getMessageAttempt().listAttemptedMessages(on.app(), on.endpoint())),
            new Operation("message-attempt.list-attempted-destinations", VIEWING,
                    (svix, on) -> svix.getMessageAttempt().listAttemptedDestinations(on.app(), on.message())),
            new Operation("message-attempt.get", VIEWING,
                    (svix, on) -> svix.getMessageAttempt().get(on.app(), on.message(), on.attempt())),
            new Operation("message-attempt.resend", ATTEMPT_CREATING, (svix, on) -> postWithoutFields(svix,
                    "/api/v1/app/" + on.app() + "/msg/" + on.message() + "/endpoint/" + on.endpoint() + "/resend",
                    EmptyResponse.class)),
            new Operation("message.expunge-all-contents", NO_CAPABILITY, (svix, on) -> postWithoutFields(svix,
                    "/api/v1/app/" + on.app() + "/msg/expunge-all-contents", ExpungeAllContentsOut.class)),
            new Operation("message-attempt.expunge-content", NO_CAPABILITY,
                    (svix, on) -> svix.getMessageAttempt().expungeContent(on.app(), on.message(), on.attempt())),
            new Operation("message.expunge-content", NO_CAPABILITY,
                    (svix, on) -> svix.getMessage().expungeContent(on.app(), on.message())),
            new Operation("endpoint.delete", ENDPOINT_MANAGING,
                    (svix, on) -> svix.getEndpoint().delete(on.app(), on.spareEndpoint())),
            new Operation("application.delete", NO_CAPABILITY, (svix, on) -> svix.getApplication().delete(on.app())));

    /**
     * The operations that name nothing of the application's but the application itself, and the endpoint upsert:
     * a PUT naming an endpoint the application does not have creates a new one there.
     */
    private static final Set<String> NAMING_ONLY_THE_APPLICATION = Set.of("application.get", "application.update",
            "application.patch", "application.delete", "endpoint.list", "endpoint.create", "endpoint.update",
            "message.list", "message.create", "message.expunge-all-contents");

    /** The event types are the organisation's: every portal reads the catalogue, none changes it. */
    private static final List<Operation> EVENT_TYPE_OPERATIONS = List.of(
            new Operation("event-type.list", VIEWING, (svix, on) -> svix.getEventType().list()),
            new Operation("event-type.get", VIEWING, (svix, on) -> svix.getEventType().get("user.created")),
            new Operation("event-type.create", NO_CAPABILITY, (svix, on) -> svix.getEventType().create(
                    new EventTypeIn().name("portal.made." + NAMES.incrementAndGet()).description("from a portal"))));

    @Parameter
    TestHerald server;

    Svix admin;
    Target own;
    Target other;

    @BeforeEach
    void createTwoApplications() throws Exception {
        admin = SvixClients.connect(server);
        if (server.api().get("/api/v1/event-type/user.created").status() == 404) {
            admin.getEventType().create(new EventTypeIn().name("user.created").description("a user"));
        }
        own = target("Own");
        other = target("Other");
    }

    /** An application with an endpoint, a message and that message's first (failed) attempt. */
    private Target target(String name) throws Exception {
        String app = admin.getApplication().create(new ApplicationIn().name(name)).getId();
        String endpoint = admin.getEndpoint().create(app, new EndpointIn().url(URI.create("http://127.0.0.1:9/hook")))
                .getId();
        String message = admin.getMessage().create(app, new MessageIn().eventType("user.created").payload("{\"id\":1}"))
                .getId();
        String attempt = AttemptLog.awaitFirst(server.api(), app, endpoint, Duration.ofSeconds(30)).get("id").asText();
        return new Target(admin, app, app, endpoint, message, attempt);
    }

    static Stream<Link> links() {
        Set<AppPortalCapability> all = EnumSet.allOf(AppPortalCapability.class);
        return Stream.of(
                new Link("all capabilities", all, false, all),
                new Link("ViewBase only", Set.of(VIEW_BASE), false, Set.of(VIEW_BASE)),
                new Link("ViewBase and ViewEndpointSecret", Set.of(VIEW_BASE, VIEW_ENDPOINT_SECRET), false,
                        Set.of(VIEW_BASE, VIEW_ENDPOINT_SECRET)),
                new Link("ManageEndpoint without ManageEndpointSecret", Set.of(VIEW_BASE, MANAGE_ENDPOINT), false,
                        Set.of(VIEW_BASE, MANAGE_ENDPOINT)),
                new Link("CreateAttempts without ManageEndpoint", Set.of(VIEW_BASE, CREATE_ATTEMPTS), false,
                        Set.of(VIEW_BASE, CREATE_ATTEMPTS)),
                new Link("ManageTransformations", Set.of(VIEW_BASE, MANAGE_TRANSFORMATIONS), false,
                        Set.of(VIEW_BASE, MANAGE_TRANSFORMATIONS)),
                // a read-only link keeps only the capabilities that change nothing
                new Link("readOnly with all capabilities", all, true, Set.of(VIEW_BASE, VIEW_ENDPOINT_SECRET)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void tokenMayDoOnItsOwnApplicationExactlyWhatItsCapabilitiesAllow(Link link) throws Exception {
        List<Operation> operations = Stream.concat(APPLICATION_OPERATIONS.stream(), EVENT_TYPE_OPERATIONS.stream())
                .toList();

        expectEach(operations, portal(link, own.app()), own,
                operation -> !Collections.disjoint(operation.needs(), link.holds()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void tokenIsRefusedEveryOperationOnAnotherApplication(Link link) throws Exception {
        expectEach(APPLICATION_OPERATIONS, portal(link, own.app()), other, operation -> false);

        assertOtherApplicationUntouched();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void tokenIsRefusedAnotherApplicationsEndpointMessageAndAttemptNamedUnderItsOwnApplication(Link link)
            throws Exception {
        Target borrowed = new Target(admin, own.app(), other.app(), other.endpoint(), other.message(), other.attempt());

        expectEach(APPLICATION_OPERATIONS, portal(link, own.app()), borrowed,
                operation -> NAMING_ONLY_THE_APPLICATION.contains(operation.name())
                        && !Collections.disjoint(operation.needs(), link.holds()));
        assertOtherApplicationUntouched();
    }

    private void assertOtherApplicationUntouched() throws Exception {
        assertThat(admin.getApplication().get(other.app()).getName()).isEqualTo("Other");
        assertThat(admin.getEndpoint().get(other.app(), other.endpoint()).getUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9/hook"));
        assertThat(admin.getMessage().get(other.app(), other.message()).getPayload()).isEqualTo(Map.of("id", 1));
    }

    /** Calls each operation in turn: those allowed must go through, all others must answer 401, 403 or 404. */
    private static void expectEach(List<Operation> operations, Svix portal, Target on, Predicate<Operation> allowed)
            throws Exception {
        SoftAssertions each = new SoftAssertions();
        for (Operation operation : operations) {
            Integer refusedWith = null;
            String body = "";
            try {
                operation.call().run(portal, on);
            } catch (ApiException e) {
                refusedWith = e.getCode();
                body = e.getResponseBody();
            }
            if (allowed.test(operation)) {
                each.assertThat(refusedWith).as("%s should be allowed, answered %s %s", operation.name(),
                        refusedWith, body).isNull();
            } else {
                each.assertThat(refusedWith).as("%s should be refused, answered %s", operation.name(), refusedWith)
                        .isIn(401, 403, 404);
            }
        }
        each.assertAll();
    }

    private Svix portal(Link link, String app) throws Exception {
        String token = admin.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()
                .capabilities(link.asked()).readOnly(link.readOnly())).getToken();
        SvixOptions options = new SvixOptions();
        options.setServerUrl(server.baseUrl());
        return new Svix(token, options);
    }

    /**
     * A POST through the SDK's own HTTP client with an empty JSON object: SDK 1.99.1's {@code resend} and {@code
     * expungeAllContents} send POST without a body, which that same client refuses before sending anything.
     */
    private static <T> void postWithoutFields(Svix svix, String path, Class<T> answer) throws Exception {
        HttpUrl url = svix.getHttpClient().newUrlBuilder().encodedPath(path).build();
        svix.getHttpClient().executeRequest("POST", url, Headers.of(), Map.of(), answer);
    }

    private static OffsetDateTime anHourAgo() {
        return OffsetDateTime.now().minusHours(1);
    }

    /** One SDK operation, the capabilities any one of which allows a portal token to call it, and the call. */
    record Operation(String name, Set<AppPortalCapability> needs, SdkCall call) {
    }

    @FunctionalInterface
    interface SdkCall {
        void run(Svix svix, Target on) throws Exception;
    }

    /** An access link as asked for, and the capabilities its token then holds. */
    record Link(String label, Set<AppPortalCapability> asked, boolean readOnly, Set<AppPortalCapability> holds) {
        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * What an operation is called on: an application in the path, and an endpoint, message and attempt of the
     * application {@code owner} (the same one, or another's borrowed into the path).
     */
    record Target(Svix admin, String app, String owner, String endpoint, String message, String attempt) {
        /** A new endpoint of the owner, made by the admin, for an operation that deletes one. */
        String spareEndpoint() throws Exception {
            return admin.getEndpoint().create(owner, new EndpointIn().url(URI.create("http://127.0.0.1:9/spare")))
                    .getId();
        }
    }
}
