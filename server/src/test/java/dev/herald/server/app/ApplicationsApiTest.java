package dev.herald.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.TestHerald;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class ApplicationsApiTest {
    @Parameter
    TestHerald server;

    @Test
    void createsApplicationAndReadsItBackByIdAndUid() {
        var created = server.api().post("/api/v1/app/", Map.of("name", "Shop", "uid", "shop-1", "metadata", Map.of("k", "v")));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(id).startsWith("app_").hasSize(31);
        assertThat(server.api().get("/api/v1/app/" + id).json().get("name").asText()).isEqualTo("Shop");
        assertThat(server.api().get("/api/v1/app/shop-1").json().get("id").asText()).isEqualTo(id);
        assertThat(server.api().get("/api/v1/app/shop-1/").json().get("metadata").get("k").asText()).isEqualTo("v");
    }

    @Test
    void refusesDuplicateUidWith409UnlessGetIfExists() {
        server.api().post("/api/v1/app", Map.of("name", "A", "uid", "dup-uid"));

        var duplicate = server.api().post("/api/v1/app", Map.of("name", "B", "uid", "dup-uid"));
        var existing = server.api().post("/api/v1/app?get_if_exists=true", Map.of("name", "B", "uid", "dup-uid"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asText()).isEqualTo("conflict");
        assertThat(existing.status()).isEqualTo(200);
        assertThat(existing.json().get("name").asText()).isEqualTo("A");
    }

    @Test
    void pagesThroughEveryApplicationOnceInBothDirections() {
        for (int i = 0; i < 7; i++) {
            server.api().post("/api/v1/app", Map.of("name", "paged-" + i));
        }
        Set<String> seen = new HashSet<>();
        String iterator = "";
        String lastPageFirstId = null;
        boolean done = false;
        while (!done) {
            var page = server.api().get("/api/v1/app?limit=3&iterator=" + iterator);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("data").forEach(app -> assertThat(seen.add(app.get("id").asText())).isTrue());
            done = page.json().get("done").asBoolean();
            iterator = page.json().get("iterator").asText();
            if (page.json().get("data").size() > 0) {
                lastPageFirstId = page.json().get("data").get(0).get("id").asText();
            }
        }
        assertThat(seen.size()).isGreaterThanOrEqualTo(7);

        var back = server.api().get("/api/v1/app?limit=2&iterator=-" + lastPageFirstId);
        assertThat(back.json().get("data")).hasSize(2);
        assertThat(back.json().get("data").get(1).get("id").asText()).isLessThan(lastPageFirstId);
    }

    @Test
    void listsNewestFirstWhenOrderIsDescending() {
        var a = server.api().post("/api/v1/app", Map.of("name", "first")).json().get("id").asText();
        var b = server.api().post("/api/v1/app", Map.of("name", "second")).json().get("id").asText();

        var page = server.api().get("/api/v1/app?order=descending&limit=250");

        List<String> ids = page.json().get("data").findValuesAsText("id");
        assertThat(ids.indexOf(b)).isLessThan(ids.indexOf(a));
    }

    @Test
    void putCreatesThenUpdatesAndPatchClearsWithExplicitNull() {
        var created = server.api().put("/api/v1/app/put-uid", Map.of("name", "Put", "throttleRate", 10));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("uid").asText()).isEqualTo("put-uid");

        var updated = server.api().put("/api/v1/app/put-uid", Map.of("name", "Put 2", "uid", "put-uid"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("Put 2");

        var patched = server.api().patch("/api/v1/app/put-uid", "{\"uid\": null, \"name\": \"Patched\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().has("uid")).isFalse();
        assertThat(patched.json().get("name").asText()).isEqualTo("Patched");
    }

    @Test
    void deleteFreesTheUid() {
        String id = server.api().post("/api/v1/app", Map.of("name", "Gone", "uid", "gone")).json().get("id").asText();

        assertThat(server.api().delete("/api/v1/app/" + id).status()).isEqualTo(204);
        assertThat(server.api().get("/api/v1/app/" + id).status()).isEqualTo(404);
        assertThat(server.api().post("/api/v1/app", Map.of("name", "Again", "uid", "gone")).status()).isEqualTo(201);
    }

    @Test
    void answersBadInputWithClear4xxNever5xx() {
        assertThat(server.api().post("/api/v1/app", "{not json").status()).isEqualTo(400);
        assertThat(server.api().post("/api/v1/app", "[1,2]").status()).isEqualTo(422);
        assertThat(server.api().post("/api/v1/app", "").status()).isEqualTo(422);
        var wrongTypes = server.api().post("/api/v1/app", Map.of("name", 42, "uid", "bad uid!", "throttleRate", "x"));
        assertThat(wrongTypes.status()).isEqualTo(422);
        assertThat(wrongTypes.json().get("detail").findValuesAsText("msg")).hasSize(3);
        assertThat(server.api().post("/api/v1/app", Map.of("name", "x", "uid", "app_reserved")).status()).isEqualTo(422);
        assertThat(server.api().post("/api/v1/app", Map.of("name", "x", "metadata", Map.of("k", "v".repeat(5000))))
                .status()).isEqualTo(422);
        assertThat(server.api().get("/api/v1/app/app_doesNotExist").status()).isEqualTo(404);
        assertThat(server.api().get("/api/v1/app?limit=251").status()).isEqualTo(422);
        assertThat(server.api().get("/api/v1/app?order=sideways").status()).isEqualTo(422);
        assertThat(server.api().post("/api/v1/app", "{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").status())
                .isEqualTo(413);
        assertThat(server.api().delete("/api/v1/app").status()).isEqualTo(405);
    }

    @Test
    void refusesMissingOrWrongTokenWithJson401() {
        var missing = server.api().withToken(null).get("/api/v1/app");
        var wrong = server.api().withToken("nope").get("/api/v1/app");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("authentication_failed");
    }

    @Test
    void acceptsSvixStyleJwtSignedWithConfiguredSecret() {
        String jwt = new dev.herald.server.auth.Jwt("test-jwt-secret")
                .sign("org_23rb8YdGqMT0qIzpgGwdXfHirMu", java.time.Instant.now());
        String forged = new dev.herald.server.auth.Jwt("another-secret")
                .sign("org_23rb8YdGqMT0qIzpgGwdXfHirMu", java.time.Instant.now());

        assertThat(server.api().withToken(jwt).get("/api/v1/app").status()).isEqualTo(200);
        assertThat(server.api().withToken(forged).get("/api/v1/app").status()).isEqualTo(401);
    }

    @Test
    void keepsOrganisationsApart() {
        String otherOrg = new dev.herald.server.auth.Jwt("test-jwt-secret")
                .sign("org_someoneElse000000000000000", java.time.Instant.now());
        String id = server.api().post("/api/v1/app", Map.of("name", "Mine")).json().get("id").asText();

        assertThat(server.api().withToken(otherOrg).get("/api/v1/app/" + id).status()).isEqualTo(404);
        assertThat(server.api().withToken(otherOrg).get("/api/v1/app").json().get("data")).isEmpty();
    }

    @Test
    void replaysFirstResponseForRepeatedIdempotencyKey() {
        Api keyed = server.api().withHeader("idempotency-key", "key-" + System.nanoTime());

        var first = keyed.post("/api/v1/app", Map.of("name", "Once"));
        var second = keyed.post("/api/v1/app", Map.of("name", "Once"));

        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    }
}
