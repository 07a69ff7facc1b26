package dev.herald.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Svix;
import com.svix.exceptions.ApiException;
import com.svix.models.AppPortalAccessIn;
import com.svix.models.AppPortalAccessOut;
import com.svix.models.AppPortalCapability;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationTokenExpireIn;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Access links to the app portal through the official Svix Java SDK: issuing, using, expiring and ending them.
 * One server per store serves the whole class and each test works in an application of its own, so tests stay
 * independent. They share the clock too: it only moves forward and each test's tokens are issued at the time it
 * finds, so a test that moves it days ahead changes nothing for the next.
 */
@ParameterizedClass
@MethodSource("servers")
class AccessLinksApiTest {
    /** A running server and the clock it reads, closed by JUnit when its store's round of the class ends. */
    record ClockedServer(TestHerald server, MutableClock clock) implements AutoCloseable {
        static ClockedServer start(StoreKind store) {
            MutableClock clock = new MutableClock(Instant.now());
            return new ClockedServer(TestHerald.start(store, Map.of(), clock), clock);
        }

        @Override
        public void close() {
            server.close();
        }

        @Override
        public String toString() {
            return server.toString();
        }
    }

    static Stream<ClockedServer> servers() {
        return Arrays.stream(StoreKind.values()).map(ClockedServer::start);
    }

    @Parameter
    ClockedServer shared;

    MutableClock clock;
    TestHerald server;
    Svix svix;
    Api admin;
    String app;

    @BeforeEach
    void createApplication() throws Exception {
        clock = shared.clock();
        server = shared.server();
        svix = SvixClients.connect(server);
        admin = server.api();
        app = svix.getApplication().create(new ApplicationIn().name("Acme")).getId();
    }

    private Api portal(String token) {
        return server.api().withToken(token);
    }

    @Test
    void linkOpensThePortalWithTheTokenOnlyInItsFragment() throws Exception {
        AppPortalAccessOut link = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn());

        URI url = link.getUrl();
        assertThat(url.getPath()).isEqualTo("/portal/");
        assertThat(url.getRawQuery()).isNull();
        assertThat(url.getRawFragment()).isEqualTo("key=" + link.getToken());
        assertThat(link.getToken()).startsWith("appsk_");
        assertThat(portal(link.getToken()).get("/api/v1/app/" + app).json().get("name").asText()).isEqualTo("Acme");
    }

    @Test
    void linkLastsSevenDaysByDefault() throws Exception {
        String token = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(portal(token).get("/api/v1/app/" + app).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(portal(token).get("/api/v1/app/" + app).status()).isEqualTo(401);
    }

    @Test
    void retentionSweepDeletesExpiredAndEndedTokensOnly() throws Exception {
        // a server of its own: the sweep counts every token in the store, and other tests leave theirs behind
        try (ClockedServer own = ClockedServer.start(server.store())) {
            Svix svix = SvixClients.connect(own.server());
            String app = svix.getApplication().create(new ApplicationIn().name("Acme")).getId();
            svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn().expiry(3600L));
            String ended = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn().sessionId("gone"))
                    .getToken();
            String valid = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();
            svix.getAuthentication().expireAll(app, new ApplicationTokenExpireIn().sessionIds(List.of("gone")));

            own.clock().advance(Duration.ofHours(2));

            assertThat(own.server().herald().sweepRetention().portalTokens()).isEqualTo(2);
            assertThat(own.server().api().withToken(valid).get("/api/v1/app/" + app).status()).isEqualTo(200);
            assertThat(own.server().api().withToken(ended).get("/api/v1/app/" + app).status()).isEqualTo(401);
        }
    }

    @Test
    void linkLastsTheExpiryItWasGiven() throws Exception {
        String token = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn().expiry(3600L)).getToken();

        clock.advance(Duration.ofMinutes(61));

        assertThat(portal(token).get("/api/v1/app/" + app).status()).isEqualTo(401);
    }

    @Test
    void expiryOutsideOneHourToSevenDaysIsA422() {
        for (long expiry : List.of(3599L, 604_801L)) {
            Api.Response answer = admin.post("/api/v1/auth/app-portal-access/" + app, Map.of("expiry", expiry));

            assertThat(answer.status()).as("expiry %d", expiry).isEqualTo(422);
            assertThat(answer.json().get("detail").get(0).get("loc").toString()).contains("expiry");
        }
    }

    @Test
    void unknownCapabilityIsA422() {
        Api.Response answer = admin.post("/api/v1/auth/app-portal-access/" + app,
                Map.of("capabilities", List.of("ViewBase", "Everything")));

        assertThat(answer.status()).isEqualTo(422);
    }

    @Test
    void linkForAMissingApplicationCreatesItFromTheRequest() throws Exception {
        AppPortalAccessOut link = svix.getAuthentication().appPortalAccess("customer-42",
                new AppPortalAccessIn().application(new ApplicationIn().name("Customer 42")));

        var created = svix.getApplication().get("customer-42");
        assertThat(created.getName()).isEqualTo("Customer 42");
        assertThat(portal(link.getToken()).get("/api/v1/app/" + created.getId()).status()).isEqualTo(200);
    }

    @Test
    void linkForAMissingApplicationWithoutOneToCreateIsA404() {
        assertThatThrownBy(() -> svix.getAuthentication().appPortalAccess("nobody", new AppPortalAccessIn()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void portalTokenCannotMakeAccessLinksOrCreateMessages() throws Exception {
        String token = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();

        assertThat(portal(token).post("/api/v1/auth/app-portal-access/" + app, Map.of()).status()).isEqualTo(403);
        assertThat(portal(token).post("/api/v1/app/" + app + "/msg",
                Map.of("eventType", "a", "payload", Map.of())).status()).isEqualTo(403);
    }

    @Test
    void logoutEndsTheCallingTokenOnly() throws Exception {
        String mine = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();
        String other = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();

        // over plain HTTP: the SDK's logout() sends a POST without a body, which its own HTTP client refuses
        assertThat(portal(mine).post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(204);

        assertThat(portal(mine).get("/api/v1/app/" + app).status()).isEqualTo(401);
        assertThat(portal(other).get("/api/v1/app/" + app).status()).isEqualTo(200);
    }

    @Test
    void adminTokenCannotBeLoggedOut() {
        assertThat(admin.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/app/" + app).status()).isEqualTo(200);
    }

    @Test
    void expireAllEndsEveryTokenOfTheApplicationOnly() throws Exception {
        String other = svix.getApplication().create(new ApplicationIn().name("Other")).getId();
        String first = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();
        String second = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();
        String elsewhere = svix.getAuthentication().appPortalAccess(other, new AppPortalAccessIn()).getToken();

        svix.getAuthentication().expireAll(app, new ApplicationTokenExpireIn());

        assertThat(portal(first).get("/api/v1/app/" + app).status()).isEqualTo(401);
        assertThat(portal(second).get("/api/v1/app/" + app).status()).isEqualTo(401);
        assertThat(portal(elsewhere).get("/api/v1/app/" + other).status()).isEqualTo(200);
    }

    @Test
    void expireAllWithSessionIdsEndsOnlyThoseSessions() throws Exception {
        String alice = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn().sessionId("alice"))
                .getToken();
        String bob = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn().sessionId("bob"))
                .getToken();

        svix.getAuthentication().expireAll(app, new ApplicationTokenExpireIn().sessionIds(List.of("alice")));

        assertThat(portal(alice).get("/api/v1/app/" + app).status()).isEqualTo(401);
        assertThat(portal(bob).get("/api/v1/app/" + app).status()).isEqualTo(200);
    }

    @Test
    void expireAllWithADelayLeavesTokensValidUntilThen() throws Exception {
        String token = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();

        svix.getAuthentication().expireAll(app, new ApplicationTokenExpireIn().expiry(60L));

        assertThat(portal(token).get("/api/v1/app/" + app).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(61));
        assertThat(portal(token).get("/api/v1/app/" + app).status()).isEqualTo(401);
    }

    @Test
    void readOnlyLinkMayReadButNotChangeEndpoints() throws Exception {
        String endpoint = admin.post("/api/v1/app/" + app + "/endpoint", Map.of("url", "http://127.0.0.1:9/hook"))
                .json().get("id").asText();
        String token = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn().readOnly(true)
                .capabilities(Set.of(AppPortalCapability.VIEW_BASE, AppPortalCapability.MANAGE_ENDPOINT))).getToken();

        assertThat(portal(token).get("/api/v1/app/" + app + "/endpoint/" + endpoint).status()).isEqualTo(200);
        assertThat(portal(token).patch("/api/v1/app/" + app + "/endpoint/" + endpoint, Map.of("disabled", true))
                .status()).isEqualTo(403);
    }

    @Test
    void eventTypesBehindAFeatureFlagAreSeenOnlyWithThatFlag() throws Exception {
        admin.post("/api/v1/event-type", Map.of("name", "user.created", "description", "public"));
        admin.post("/api/v1/event-type", Map.of("name", "beta.thing", "description", "flagged", "featureFlag", "beta"));
        String plain = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()).getToken();
        String flagged = svix.getAuthentication().appPortalAccess(app, new AppPortalAccessIn()
                .featureFlags(Set.of("beta"))).getToken();

        assertThat(names(portal(plain))).containsExactly("user.created");
        assertThat(portal(plain).get("/api/v1/event-type/beta.thing").status()).isEqualTo(404);
        assertThat(names(portal(flagged))).containsExactlyInAnyOrder("user.created", "beta.thing");
    }

    private static List<String> names(Api api) {
        List<String> names = new java.util.ArrayList<>();
        api.get("/api/v1/event-type").json().get("data").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }
}
