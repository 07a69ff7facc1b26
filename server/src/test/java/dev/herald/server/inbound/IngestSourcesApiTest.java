package dev.herald.server.inbound;

import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.TestHerald;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The Svix Ingest API for sources, as Herald serves it: shapes, status codes, paging, token rotation, 404s. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class IngestSourcesApiTest {
    private static final String SOURCES = "/ingest/api/v1/source";

    @Parameter
    TestHerald server;

    InboundFixture fixture;

    @BeforeEach
    void connect() {
        fixture = new InboundFixture(server.api());
    }

    @Test
    void createsASourceWithAnIngestUrlServedByHerald() {
        Api.Response created = server.api().post(SOURCES, Map.of("name", "GitHub org", "uid", "gh-main", "type", "github",
                "config", Map.of("secret", "gh-secret"), "metadata", Map.of("team", "platform")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode source = created.json();
        assertThat(source.get("id").asText()).startsWith("src_");
        assertThat(source.get("uid").asText()).isEqualTo("gh-main");
        assertThat(source.get("type").asText()).isEqualTo("github");
        assertThat(source.get("config").isObject()).isTrue();
        assertThat(source.get("metadata").get("team").asText()).isEqualTo("platform");
        assertThat(source.get("ingestUrl").asText()).startsWith("http://localhost:" + server.herald().port() + "/in/");
        assertThat(source.get("createdAt").asText()).isNotBlank();
        assertThat(server.api().get(SOURCES + "/gh-main").json()).isEqualTo(source);
        assertThat(server.api().get(SOURCES + "/" + source.get("id").asText()).json()).isEqualTo(source);
    }

    @Test
    void neverShowsASecret() {
        List<Api.Response> responses = List.of(
                server.api().post(SOURCES, Map.of("name", "stripe", "type", "stripe",
                        "config", Map.of("secret", "whsec_s3cr3t"))),
                server.api().post(SOURCES, Map.of("name", "basic", "type", "generic-webhook",
                        "config", Map.of("basicAuth", Map.of("username", "acme", "password", "pa55w0rd")))),
                server.api().post(SOURCES, Map.of("name", "hmac", "type", "generic-webhook", "config", Map.of("hmac",
                        Map.of("header", "X-Sig", "secret", "hm4c-s3cr3t", "algorithm", "sha512")))),
                server.api().get(SOURCES + "?limit=250"));

        for (Api.Response response : responses) {
            assertThat(response.body()).doesNotContain("s3cr3t", "pa55w0rd");
        }
        assertThat(responses.get(1).json().get("config").get("basicAuth").get("username").asText()).isEqualTo("acme");
        assertThat(responses.get(2).json().get("config").get("hmac").get("algorithm").asText()).isEqualTo("sha512");
    }

    @Test
    void refusesAnUnknownTypeWithAClear422() {
        Api.Response response = server.api().post(SOURCES, Map.of("name", "telnyx", "type", "telnyx",
                "config", Map.of("publicKey", "key")));

        assertThat(response.status()).isEqualTo(422);
        JsonNode error = response.json().get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"type\"]");
        assertThat(error.get("msg").asText()).contains("unsupported source type 'telnyx'", "github", "zoom");
    }

    @Test
    void refusesMissingOrMalformedConfig() {
        Api.Response noSecret = server.api().post(SOURCES, Map.of("name", "stripe", "type", "stripe"));
        Api.Response badSvixSecret = server.api().post(SOURCES, Map.of("name", "svix", "type", "svix",
                "config", Map.of("secret", "not-base64!")));
        Api.Response badAlgorithm = server.api().post(SOURCES, Map.of("name", "hmac", "type", "generic-webhook",
                "config", Map.of("hmac", Map.of("header", "X-Sig", "secret", "s", "algorithm", "md5"))));
        Api.Response noType = server.api().post(SOURCES, Map.of("name", "typeless"));

        assertThat(List.of(noSecret, badSvixSecret, badAlgorithm, noType)).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.body()).doesNotContain("not-base64!");
        });
        assertThat(noType.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"type\"]");
    }

    @Test
    void listsSourcesPageByPage() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(fixture.source(Map.of("name", "paged " + i, "type", "generic-webhook")).id());
        }

        List<String> seen = new ArrayList<>();
        String iterator = null;
        boolean done = false;
        while (!done) {
            JsonNode page = server.api().get(SOURCES + "?limit=2" + (iterator == null ? "" : "&iterator=" + iterator)).json();
            assertThat(page.get("data").size()).isLessThanOrEqualTo(2);
            page.get("data").forEach(s -> seen.add(s.get("id").asText()));
            iterator = page.get("iterator").asText();
            done = page.get("done").asBoolean();
        }

        assertThat(seen).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(server.api().get(SOURCES + "?limit=251").status()).isEqualTo(422);
    }

    @Test
    void updatesWithPutAndPatch() {
        InboundFixture.Source source = fixture.source(Map.of("name", "before", "type", "generic-webhook"));

        Api.Response put = server.api().put(SOURCES + "/" + source.id(), Map.of("name", "after", "type", "shopify",
                "config", Map.of("secret", "shp")));
        Api.Response patched = server.api().patch(SOURCES + "/" + source.id(), Map.of("uid", "shop-1",
                "metadata", Map.of("k", "v")));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("type").asText()).isEqualTo("shopify");
        assertThat(put.json().get("ingestUrl").asText()).isEqualTo(source.ingestUrl());
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("after");
        assertThat(patched.json().get("type").asText()).isEqualTo("shopify");
        assertThat(patched.json().get("uid").asText()).isEqualTo("shop-1");
        assertThat(patched.json().get("metadata").get("k").asText()).isEqualTo("v");
    }

    @Test
    void upsertsByUid() {
        Map<String, Object> body = Map.of("name", "upserted", "type", "generic-webhook");

        Api.Response first = server.api().put(SOURCES + "/upsert-me", body);
        Api.Response second = server.api().put(SOURCES + "/upsert-me", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(second.json().get("uid").asText()).isEqualTo("upsert-me");
    }

    @Test
    void refusesATakenUid() {
        fixture.source(Map.of("name", "one", "uid", "taken", "type", "generic-webhook"));

        Api.Response again = server.api().post(SOURCES, Map.of("name", "two", "uid", "taken", "type", "generic-webhook"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("conflict");
    }

    @Test
    void rotatingTheTokenRetiresTheOldUrl() {
        InboundFixture.Source source = fixture.source(Map.of("name", "rotating", "type", "generic-webhook"));

        Api.Response rotated = server.api().post(SOURCES + "/" + source.id() + "/token/rotate", null);

        assertThat(rotated.status()).isEqualTo(200);
        String newUrl = rotated.json().get("ingestUrl").asText();
        assertThat(newUrl).isNotEqualTo(source.ingestUrl());
        assertThat(InboundFixture.post(source.ingestUrl(), List.of(), utf8("{}")).status()).isEqualTo(404);
        assertThat(InboundFixture.post(newUrl, List.of(), utf8("{}")).status()).isEqualTo(200);
        assertThat(server.api().get(SOURCES + "/" + source.id()).json().get("ingestUrl").asText()).isEqualTo(newUrl);
        assertThat(fixture.captures(source)).hasSize(1);
    }

    @Test
    void deletingASourceRemovesItsUrlApplicationAndEndpoints() {
        InboundFixture.Source source = fixture.source(Map.of("name", "doomed", "type", "generic-webhook"));
        server.api().post(SOURCES + "/" + source.id() + "/endpoint", Map.of("url", "https://example.com/hook"));
        InboundFixture.post(source.ingestUrl(), List.of(), utf8("{}"));

        Api.Response deleted = server.api().delete(SOURCES + "/" + source.id());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(server.api().get(SOURCES + "/" + source.id()).status()).isEqualTo(404);
        assertThat(server.api().get("/api/v1/app/ingest-" + source.id()).status()).isEqualTo(404);
        assertThat(InboundFixture.post(source.ingestUrl(), List.of(), utf8("{}")).status()).isEqualTo(404);
    }

    @Test
    void deletingTheSourcesApplicationDeletesTheSource() {
        InboundFixture.Source source = fixture.source(Map.of("name", "orphaned", "type", "generic-webhook"));

        assertThat(server.api().delete("/api/v1/app/ingest-" + source.id()).status()).isEqualTo(204);

        assertThat(server.api().get(SOURCES + "/" + source.id()).status()).isEqualTo(404);
        assertThat(InboundFixture.post(source.ingestUrl(), List.of(), utf8("{}")).status()).isEqualTo(404);
    }

    @Test
    void answers404ForWhatDoesNotExist() {
        InboundFixture.Source source = fixture.source(Map.of("name", "real", "type", "generic-webhook"));
        List<Api.Response> missing = List.of(
                server.api().get(SOURCES + "/src_doesnotexist"),
                server.api().delete(SOURCES + "/no-such-uid"),
                server.api().post(SOURCES + "/no-such-uid/token/rotate", null),
                server.api().get(SOURCES + "/no-such-uid/endpoint"),
                server.api().get(SOURCES + "/" + source.id() + "/endpoint/ep_missing"),
                server.api().get(SOURCES + "/" + source.id() + "/request/inreq_missing"),
                server.api().post(SOURCES + "/" + source.id() + "/request/inreq_missing/replay", null));

        assertThat(missing).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("not_found");
        });
        assertThat(InboundFixture.post(server.baseUrl() + "/in/not-a-token", List.of(), utf8("{}")).status())
                .isEqualTo(404);
    }

    @Test
    void requiresTheApiTokenExceptAtIngestUrls() {
        InboundFixture.Source source = fixture.source(Map.of("name", "guarded", "type", "generic-webhook"));
        Api anonymous = server.api().withToken(null);

        assertThat(anonymous.get(SOURCES).status()).isEqualTo(401);
        assertThat(anonymous.get(SOURCES + "/" + source.id() + "/request").status()).isEqualTo(401);
        assertThat(InboundFixture.post(source.ingestUrl(), List.of(), utf8("{}")).status()).isEqualTo(200);
    }

    @Test
    void managesIngestEndpointsOfASource() {
        InboundFixture.Source source = fixture.source(Map.of("name", "with endpoints", "type", "generic-webhook"));
        String endpoints = SOURCES + "/" + source.id() + "/endpoint";

        Api.Response created = server.api().post(endpoints, Map.of("url", "https://example.com/in", "uid", "primary",
                "headers", Map.of("X-Team", "payments")));
        String one = endpoints + "/primary";
        Api.Response updated = server.api().put(one, Map.of("url", "https://example.com/in2", "uid", "primary"));
        Api.Response headersSet = server.api().put(one + "/headers", Map.of("headers", Map.of("X-Team", "billing")));
        Api.Response rotated = server.api().post(one + "/secret/rotate", Map.of());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(server.api().get(endpoints).json().get("data")).hasSize(1);
        assertThat(updated.json().get("url").asText()).isEqualTo("https://example.com/in2");
        assertThat(headersSet.status()).isEqualTo(204);
        assertThat(server.api().get(one + "/headers").json().get("headers").get("X-Team").asText()).isEqualTo("billing");
        assertThat(rotated.status()).isEqualTo(204);
        assertThat(server.api().get(one + "/secret").json().get("key").asText()).startsWith("whsec_");
        assertThat(server.api().delete(one).status()).isEqualTo(204);
        assertThat(server.api().get(endpoints).json().get("data")).isEmpty();
    }
}
