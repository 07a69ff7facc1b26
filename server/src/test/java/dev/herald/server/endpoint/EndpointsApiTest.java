package dev.herald.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.auth.Authenticator;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.AppTokens;
import dev.herald.server.testing.TestHerald;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class EndpointsApiTest {
    @Parameter
    TestHerald server;

    String app;
    String endpoints;

    @BeforeEach
    void createApp() {
        for (String type : List.of("user.signup", "user.deleted", "invoice.paid")) {
            server.api().post("/api/v1/event-type", Map.of("name", type, "description", type));
        }
        app = server.api().post("/api/v1/app", Map.of("name", "Endpoints")).json().get("id").asText();
        endpoints = "/api/v1/app/" + app + "/endpoint";
    }

    @Test
    void createsEndpointWithDefaultsAndAGeneratedSecret() {
        var created = server.api().post(endpoints, Map.of("url", "https://example.com/hook"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode ep = created.json();
        assertThat(ep.get("id").asText()).startsWith("ep_").hasSize(30);
        assertThat(ep.get("url").asText()).isEqualTo("https://example.com/hook");
        assertThat(ep.get("description").asText()).isEmpty();
        assertThat(ep.get("disabled").asBoolean()).isFalse();
        assertThat(ep.get("version").asInt()).isEqualTo(1);
        assertThat(ep.get("metadata").isEmpty()).isTrue();
        assertThat(ep.has("eventTypes") || ep.has("filterTypes") || ep.has("channels")).isFalse();
        assertThat(ep.has("appId") || ep.has("headers")).isFalse();
        String key = server.api().get(endpoints + "/" + ep.get("id").asText() + "/secret").json().get("key").asText();
        assertThat(key).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(key.substring(6))).hasSize(24);
    }

    @Test
    void createsEndpointWithTheSecretItWasGiven() {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        String id = create(Map.of("url", "https://example.com", "secret", secret));

        assertThat(server.api().get(endpoints + "/" + id + "/secret").json().get("key").asText()).isEqualTo(secret);
    }

    @Test
    void readsEndpointByIdAndByUid() {
        String id = create(Map.of("url", "https://example.com", "uid", "ep-uid-1", "description", "main"));

        assertThat(server.api().get(endpoints + "/" + id).json().get("description").asText()).isEqualTo("main");
        assertThat(server.api().get(endpoints + "/ep-uid-1").json().get("id").asText()).isEqualTo(id);
        assertThat(server.api().get("/api/v1/app/" + app + "/endpoint/ep-uid-1/").status()).isEqualTo(200);
    }

    @Test
    void listsNewestFirstAndPagesBothWays() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(Map.of("url", "https://example.com/" + i)));
        }
        List<String> seen = new ArrayList<>();
        String iterator = "";
        boolean done = false;
        while (!done) {
            var page = server.api().get(endpoints + "?limit=2&iterator=" + iterator).json();
            page.get("data").forEach(ep -> seen.add(ep.get("id").asText()));
            done = page.get("done").asBoolean();
            iterator = page.get("iterator").asText();
        }

        assertThat(seen).containsExactlyElementsOf(created.reversed());
        var back = server.api().get(endpoints + "?limit=2&iterator=-" + created.get(1)).json();
        assertThat(back.get("data").findValuesAsText("id")).containsExactly(created.get(3), created.get(2));
        var ascending = server.api().get(endpoints + "?order=ascending&limit=250").json();
        assertThat(ascending.get("data").findValuesAsText("id")).containsExactlyElementsOf(created);
    }

    @Test
    void putCreatesUnderThePathUidThenReplaces() {
        var created = server.api().put(endpoints + "/put-ep", Map.of("url", "https://example.com/a", "description", "a",
                "metadata", Map.of("k", "v")));
        var replaced = server.api().put(endpoints + "/put-ep", Map.of("url", "https://example.com/b"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("uid").asText()).isEqualTo("put-ep");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("id").asText()).isEqualTo(created.json().get("id").asText());
        assertThat(replaced.json().get("uid").asText()).isEqualTo("put-ep");
        assertThat(replaced.json().get("url").asText()).isEqualTo("https://example.com/b");
        assertThat(replaced.json().get("description").asText()).isEmpty();
        assertThat(replaced.json().get("metadata").isEmpty()).isTrue();
    }

    @Test
    void patchClearsExplicitNullsAndKeepsAbsentFields() {
        String id = create(Map.of("url", "https://example.com", "uid", "patch-ep", "throttleRate", 10,
                "eventTypes", List.of("user.signup"), "channels", List.of("eu"), "description", "kept"));

        var patched = server.api().patch(endpoints + "/" + id, "{\"uid\": null, \"throttleRate\": null, "
                + "\"eventTypes\": null, \"channels\": null, \"disabled\": true}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode ep = server.api().get(endpoints + "/" + id).json();
        assertThat(ep.has("uid") || ep.has("throttleRate") || ep.has("eventTypes") || ep.has("channels")).isFalse();
        assertThat(ep.get("disabled").asBoolean()).isTrue();
        assertThat(ep.get("description").asText()).isEqualTo("kept");
        assertThat(ep.get("url").asText()).isEqualTo("https://example.com");
    }

    @Test
    void deleteRemovesTheEndpointAndFreesItsUid() {
        String id = create(Map.of("url", "https://example.com", "uid", "reused"));

        assertThat(server.api().delete(endpoints + "/" + id).status()).isEqualTo(204);

        assertThat(server.api().get(endpoints + "/" + id).status()).isEqualTo(404);
        assertThat(server.api().post(endpoints, Map.of("url", "https://example.com", "uid", "reused")).status())
                .isEqualTo(201);
    }

    @Test
    void acceptsFilterTypesAndRateLimitAliasesAndWritesBothTypeNames() {
        var created = server.api().post(endpoints, Map.of("url", "https://example.com",
                "filterTypes", List.of("user.signup", "invoice.paid"), "rateLimit", 5, "version", 1));

        assertThat(created.status()).isEqualTo(201);
        assertThat(texts(created.json().get("eventTypes"))).containsExactly("user.signup", "invoice.paid");
        assertThat(texts(created.json().get("filterTypes"))).containsExactly("user.signup", "invoice.paid");
        assertThat(created.json().get("throttleRate").asInt()).isEqualTo(5);
    }

    @Test
    void storesAnEmptyEventTypeListAsAllTypes() {
        var created = server.api().post(endpoints, Map.of("url", "https://example.com", "eventTypes", List.of()));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().has("eventTypes")).isFalse();
    }

    @Test
    void refusesEventTypesTheOrganisationDoesNotHave() {
        server.api().post("/api/v1/event-type", Map.of("name", "old.type", "description", "d"));
        server.api().delete("/api/v1/event-type/old.type");

        var unknown = server.api().post(endpoints, Map.of("url", "https://example.com", "eventTypes", List.of("no.such")));
        var archived = server.api().post(endpoints, Map.of("url", "https://example.com", "filterTypes", List.of("old.type")));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"eventTypes\"]");
        assertThat(unknown.json().get("detail").get(0).get("msg").asText()).contains("no.such");
        assertThat(archived.status()).isEqualTo(422);
    }

    @Test
    void checksLongEventTypeListsInBatches() {
        List<String> names = new ArrayList<>(List.of("user.signup"));
        for (int i = 0; i < 40_000; i++) {
            names.add("missing." + i);
        }

        var refused = server.api().post(endpoints, Map.of("url", "https://example.com", "eventTypes", names));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").get(0).get("msg").asText())
                .contains("missing.0, missing.1").endsWith("and 39980 more").doesNotContain("user.signup");
    }

    @Test
    void refusesUrlsThatAreNotAbsoluteHttpUrlsWithAHost() {
        for (String url : List.of("example.com/hook", "ftp://example.com/hook", "/relative/path",
                "https://exa mple.com", "", "http://", "https:///path", "mailto:someone@example.com",
                "https://example.com/" + "x".repeat(65_536))) {
            var refused = server.api().post(endpoints, Map.of("url", url));

            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.json().get("detail").get(0).get("loc").toString()).as(url)
                    .isEqualTo("[\"body\",\"url\"]");
        }
        assertThat(server.api().post(endpoints, Map.of("url", "http://my_service:8080/hook")).status()).isEqualTo(201);
        assertThat(server.api().post(endpoints, Map.of("url", "HTTPS://example.com:8443/a?b=c")).status())
                .isEqualTo(201);
    }

    /** Such URLs were accepted once, and then every delivery to them failed. */
    @Test
    void refusesUrlsTheSenderCannotSendToOnCreateReplaceAndPatch() {
        String existing = create(Map.of("url", "https://example.com"));
        for (String url : List.of("https://user:pw@example.com/hook", "https://token@example.com/",
                "http://example.com:99999/", "http://example.com:0/")) {
            var created = server.api().post(endpoints, Map.of("url", url));
            var replaced = server.api().put(endpoints + "/" + existing, Map.of("url", url));
            var patched = server.api().patch(endpoints + "/" + existing, Map.of("url", url));

            for (var refused : List.of(created, replaced, patched)) {
                assertThat(refused.status()).as(url).isEqualTo(422);
                assertThat(refused.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"url\"]");
            }
        }
        assertThat(server.api().get(endpoints + "/" + existing).json().get("url").asText())
                .isEqualTo("https://example.com");
    }

    @Test
    void refusesADuplicateUidWithinTheApplication() {
        create(Map.of("url", "https://example.com", "uid", "taken"));
        String other = create(Map.of("url", "https://example.com"));

        assertThat(server.api().post(endpoints, Map.of("url", "https://example.com", "uid", "taken")).status()).isEqualTo(409);
        assertThat(server.api().patch(endpoints + "/" + other, Map.of("uid", "taken")).status()).isEqualTo(409);
        String otherApp = server.api().post("/api/v1/app", Map.of("name", "Other")).json().get("id").asText();
        assertThat(server.api().post("/api/v1/app/" + otherApp + "/endpoint", Map.of("url", "https://example.com",
                "uid", "taken")).status()).isEqualTo(201);
    }

    @Test
    void acceptsOneToTenChannels() {
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("ch" + i);
        }

        assertThat(server.api().post(endpoints, Map.of("url", "https://example.com", "channels", eleven)).status())
                .isEqualTo(422);
        assertThat(server.api().post(endpoints, Map.of("url", "https://example.com", "channels", List.of())).status())
                .isEqualTo(422);
        assertThat(server.api().post(endpoints, Map.of("url", "https://example.com", "channels", List.of("x".repeat(129))))
                .status()).isEqualTo(422);
        var ten = server.api().post(endpoints, Map.of("url", "https://example.com", "channels", eleven.subList(0, 10)));
        assertThat(ten.status()).isEqualTo(201);
        assertThat(ten.json().get("channels")).hasSize(10);
    }

    @Test
    void answersEndpointsOfAnotherOrUnknownApplicationWith404() {
        String id = create(Map.of("url", "https://example.com"));
        String otherApp = server.api().post("/api/v1/app", Map.of("name", "Other")).json().get("id").asText();

        assertThat(server.api().get("/api/v1/app/" + otherApp + "/endpoint/" + id).status()).isEqualTo(404);
        assertThat(server.api().get("/api/v1/app/" + otherApp + "/endpoint/" + id + "/secret").status()).isEqualTo(404);
        assertThat(server.api().delete("/api/v1/app/" + otherApp + "/endpoint/" + id).status()).isEqualTo(404);
        var unknownApp = server.api().get("/api/v1/app/app_nope/endpoint");
        assertThat(unknownApp.status()).isEqualTo(404);
        assertThat(unknownApp.json().get("code").asText()).isEqualTo("not_found");
        assertThat(server.api().get(endpoints + "/ep_nope").json().get("detail").asText()).isEqualTo("endpoint not found");
    }

    @Test
    void appScopedTokenManagesOnlyItsOwnApplicationsEndpoints() {
        String otherApp = server.api().post("/api/v1/app", Map.of("name", "Other")).json().get("id").asText();
        Api scoped = server.api().withToken(AppTokens.forApp(Authenticator.DEFAULT_ORG, app));

        assertThat(scoped.post(endpoints, Map.of("url", "https://example.com")).status()).isEqualTo(201);
        assertThat(scoped.get(endpoints).json().get("data")).hasSize(1);
        assertThat(scoped.get("/api/v1/app/" + otherApp + "/endpoint").status()).isEqualTo(403);
    }

    @Test
    void answersMalformedBodiesWith4xxNever5xx() {
        String id = create(Map.of("url", "https://example.com"));
        List<Object> bodies = List.of("{oops", "[]", "", "null", "{\"url\": 5}",
                Map.of("url", "https://example.com", "throttleRate", -1),
                Map.of("url", "https://example.com", "throttleRate", 70_000),
                Map.of("url", "https://example.com", "disabled", "yes"),
                Map.of("url", "https://example.com", "eventTypes", "user.signup"),
                Map.of("url", "https://example.com", "eventTypes", List.of(1, 2)),
                Map.of("url", "https://example.com", "metadata", Map.of("k", 1)),
                Map.of("url", "https://example.com", "uid", "ep_reserved"),
                Map.of("url", "https://example.com", "headers", List.of("x")));
        for (Object body : bodies) {
            for (String method : List.of("POST", "PUT", "PATCH")) {
                String path = method.equals("POST") ? endpoints : endpoints + "/" + id;
                var response = server.api().send(method, path, body);
                assertThat(response.status()).as(method + " " + body).isBetween(400, 499);
                assertThat(response.json().isObject()).as(method + " " + body).isTrue();
            }
        }
        assertThat(server.api().post(endpoints, Map.of("url", "https://example.com", "throttleRate", 0)).status())
                .isEqualTo(422);
        assertThat(server.api().get(endpoints + "?limit=0").status()).isEqualTo(422);
        assertThat(server.api().get(endpoints + "?order=newest").status()).isEqualTo(422);
    }

    private String create(Map<String, Object> body) {
        var created = server.api().post(endpoints, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
