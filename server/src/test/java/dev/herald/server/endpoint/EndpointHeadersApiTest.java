package dev.herald.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.app.Application;
import dev.herald.server.auth.Authenticator;
import dev.herald.server.auth.Principal;
import dev.herald.server.testing.TestHerald;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class EndpointHeadersApiTest {
    @Parameter
    TestHerald server;

    String appId;
    String endpoint;
    String endpointId;

    @BeforeEach
    void createEndpoint() {
        appId = server.api().post("/api/v1/app", Map.of("name", "Headers")).json().get("id").asText();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Tenant", "acme");
        headers.put("Authorization", "Bearer s3cr3t-value");
        headers.put("X-Session-Token", "t0ken-value");
        var created = server.api().post("/api/v1/app/" + appId + "/endpoint", Map.of("url", "https://example.com",
                "headers", headers));
        endpointId = created.json().get("id").asText();
        endpoint = "/api/v1/app/" + appId + "/endpoint/" + endpointId;
    }

    @Test
    void showsPlainHeadersAndOnlyTheNamesOfSensitiveOnes() {
        var read = server.api().get(endpoint + "/headers");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("headers").properties()).hasSize(1);
        assertThat(read.json().get("headers").get("X-Tenant").asText()).isEqualTo("acme");
        assertThat(read.json().get("sensitive").toString()).isEqualTo("[\"Authorization\",\"X-Session-Token\"]");
        assertThat(read.body()).doesNotContain("s3cr3t-value").doesNotContain("t0ken-value");
        assertThat(server.api().get(endpoint).body()).doesNotContain("s3cr3t-value");
    }

    @Test
    void keepsSensitiveValuesForDelivery() {
        assertThat(storedHeaders()).containsEntry("Authorization", "Bearer s3cr3t-value");
    }

    @Test
    void putReplacesEveryHeader() {
        assertThat(server.api().put(endpoint + "/headers", Map.of("headers", Map.of("X-Only", "1"))).status()).isEqualTo(204);

        assertThat(storedHeaders()).containsExactly(Map.entry("X-Only", "1"));
    }

    @Test
    void patchSetsGivenHeadersAndDeletesThoseGivenAsNull() {
        var patched = server.api().patch(endpoint + "/headers",
                "{\"headers\": {\"x-tenant\": \"globex\", \"Authorization\": null, \"X-New\": \"n\"}}");

        assertThat(patched.status()).isEqualTo(204);
        assertThat(storedHeaders()).containsExactly(Map.entry("X-Session-Token", "t0ken-value"),
                Map.entry("x-tenant", "globex"), Map.entry("X-New", "n"));
    }

    @Test
    void patchAlsoDeletesTheNamesInDeleteHeaders() {
        server.api().patch(endpoint + "/headers", Map.of("headers", Map.of(), "deleteHeaders", List.of("x-session-token")));

        assertThat(storedHeaders()).containsOnlyKeys("X-Tenant", "Authorization");
    }

    @Test
    void refusesHeadersHeraldSetsItselfAndMalformedOnes() {
        for (String name : List.of("User-Agent", "content-type", "Content-Length", "Host", "svix-id",
                "Webhook-Signature", "bad name", "")) {
            Map<String, Object> body = Map.of("headers", Map.of(name, "v"));

            assertThat(server.api().put(endpoint + "/headers", body).status()).as(name).isEqualTo(422);
            assertThat(server.api().patch(endpoint + "/headers", body).status()).as(name).isEqualTo(422);
            assertThat(server.api().post("/api/v1/app/" + appId + "/endpoint", Map.of("url", "https://example.com",
                    "headers", Map.of(name, "v"))).status()).as(name).isEqualTo(422);
        }
        var injected = server.api().put(endpoint + "/headers", Map.of("headers", Map.of("X-Ok", "a\r\nX-Evil: 1")));
        assertThat(injected.status()).isEqualTo(422);
        assertThat(injected.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"headers\"]");
        assertThat(server.api().put(endpoint + "/headers", Map.of()).status()).isEqualTo(422);
        assertThat(server.api().patch(endpoint + "/headers", "{\"headers\": {\"X-A\": 5}}").status()).isEqualTo(422);
        assertThat(storedHeaders()).containsOnlyKeys("X-Tenant", "Authorization", "X-Session-Token");
    }

    @Test
    void refusesHopByHopHeadersOnEveryRouteThatSetsHeaders() {
        for (String name : List.of("Transfer-Encoding", "connection", "TE", "Trailer", "Upgrade", "Keep-Alive",
                "Expect", "Proxy-Authorization", "proxy-connection", "Proxy-Anything")) {
            Map<String, Object> headers = Map.of("headers", Map.of(name, "v"));
            Map<String, Object> endpointBody = Map.of("url", "https://example.com", "headers", Map.of(name, "v"));

            assertThat(server.api().put(endpoint + "/headers", headers).status()).as(name).isEqualTo(422);
            assertThat(server.api().patch(endpoint + "/headers", headers).status()).as(name).isEqualTo(422);
            assertThat(server.api().post("/api/v1/app/" + appId + "/endpoint", endpointBody).status()).as(name)
                    .isEqualTo(422);
            assertThat(server.api().put(endpoint, endpointBody).status()).as(name).isEqualTo(422);
            var patched = server.api().patch(endpoint, headers);
            assertThat(patched.status()).as(name).isEqualTo(422);
            assertThat(patched.json().get("detail").get(0).get("msg").asText()).contains("hop-by-hop");
        }
        assertThat(storedHeaders()).containsOnlyKeys("X-Tenant", "Authorization", "X-Session-Token");
        var lookalikes = Map.of("headers", Map.of("X-Proxy-Hint", "ok", "Tea", "ok"));
        assertThat(server.api().patch(endpoint + "/headers", lookalikes).status()).isEqualTo(204);
    }

    @Test
    void answersMalformedHeaderAndSecretBodiesWith4xxNever5xx() {
        List<String> malformed = List.of("{oops", "[]", "null", "\"text\"");
        Map<String, List<String>> bodiesByRoute = Map.of(
                "PUT /headers", concat(malformed, "{\"headers\": \"x\"}", "{\"headers\": null}", "{\"headers\": [1]}"),
                "PATCH /headers", concat(malformed, "{\"headers\": \"x\"}", "{\"headers\": {\"a\": 1}}",
                        "{\"headers\": {}, \"deleteHeaders\": \"x\"}", "{}"),
                "POST /secret/rotate", concat(malformed, "{\"key\": 5}", "{\"gracePeriodSeconds\": 1.5}"));
        bodiesByRoute.forEach((route, bodies) -> {
            String[] methodAndPath = route.split(" ");
            for (String body : bodies) {
                var response = server.api().send(methodAndPath[0], endpoint + methodAndPath[1], body);

                assertThat(response.status()).as(route + " " + body).isBetween(400, 499);
                assertThat(response.json().isObject()).as(route + " " + body).isTrue();
            }
        });
    }

    @Test
    void updatingTheEndpointKeepsItsHeaders() {
        server.api().patch(endpoint, Map.of("description", "changed"));
        server.api().put(endpoint, Map.of("url", "https://example.com/other"));

        assertThat(storedHeaders()).containsOnlyKeys("X-Tenant", "Authorization", "X-Session-Token");
    }

    private Map<String, String> storedHeaders() {
        Application app = new Application(appId, null, "Headers", null, Map.of(), Instant.now(), Instant.now());
        return server.herald().endpoints().require(new Principal.Admin(Authenticator.DEFAULT_ORG), app, endpointId)
                .headers();
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
