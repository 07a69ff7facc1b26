package dev.herald.server.eventtype;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.auth.Authenticator;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.AppTokens;
import dev.herald.server.testing.TestHerald;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class EventTypesApiTest {
    private static final Map<String, Object> SCHEMAS = Map.of("1", Map.of(
            "type", "object", "properties", Map.of("id", Map.of("type", "string")), "required", List.of("id")));

    @Parameter
    TestHerald server;

    @Test
    void createsEventTypeAndReadsItBackWithSchemasAsGiven() {
        var created = server.api().post("/api/v1/event-type", Map.of("name", "invoice.paid",
                "description", "An invoice was paid", "schemas", SCHEMAS, "featureFlag", "beta-billing"));

        assertThat(created.status()).isEqualTo(201);
        var read = server.api().get("/api/v1/event-type/invoice.paid").json();
        assertThat(read.get("description").asText()).isEqualTo("An invoice was paid");
        assertThat(read.get("archived").asBoolean()).isFalse();
        assertThat(read.get("deprecated").asBoolean()).isFalse();
        assertThat(read.get("featureFlag").asText()).isEqualTo("beta-billing");
        assertThat(read.get("schemas").get("1").get("required").get(0).asText()).isEqualTo("id");
        assertThat(read.get("createdAt").asText()).isEqualTo(created.json().get("createdAt").asText());
    }

    @Test
    void refusesDuplicateActiveNameWith409() {
        server.api().post("/api/v1/event-type", Map.of("name", "dup.type", "description", "first"));

        var duplicate = server.api().post("/api/v1/event-type", Map.of("name", "dup.type", "description", "second"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asText()).isEqualTo("conflict");
        assertThat(server.api().get("/api/v1/event-type/dup.type").json().get("description").asText()).isEqualTo("first");
    }

    @Test
    void pagesThroughTypesInNameOrderWithTheNameAsIterator() {
        for (String name : List.of("page.c", "page.a", "page.e", "page.b", "page.d")) {
            server.api().post("/api/v1/event-type", Map.of("name", name, "description", name));
        }
        List<String> seen = new ArrayList<>();
        String iterator = "page.";
        boolean done = false;
        while (!done) {
            var page = server.api().get("/api/v1/event-type?limit=2&iterator=" + iterator).json();
            page.get("data").forEach(t -> seen.add(t.get("name").asText()));
            done = page.get("done").asBoolean();
            iterator = page.get("iterator").asText();
        }

        assertThat(seen).containsSubsequence("page.a", "page.b", "page.c", "page.d", "page.e");
        assertThat(seen).isSorted().doesNotHaveDuplicates();
        var back = server.api().get("/api/v1/event-type?limit=2&iterator=-page.d").json();
        assertThat(back.get("data").findValuesAsText("name")).containsExactly("page.b", "page.c");
    }

    @Test
    void listsArchivedTypesOnlyWhenAskedTo() {
        server.api().post("/api/v1/event-type", Map.of("name", "listed.archived", "description", "old"));
        server.api().delete("/api/v1/event-type/listed.archived");

        var without = server.api().get("/api/v1/event-type?limit=250").json().get("data").findValuesAsText("name");
        var with = server.api().get("/api/v1/event-type?limit=250&include_archived=true").json().get("data")
                .findValuesAsText("name");

        assertThat(without).doesNotContain("listed.archived");
        assertThat(with).contains("listed.archived");
    }

    @Test
    void listLeavesOutSchemasUnlessWithContentIsTrue() {
        server.api().post("/api/v1/event-type", Map.of("name", "content.type", "description", "d", "schemas", SCHEMAS));

        var full = server.api().get("/api/v1/event-type?limit=250&with_content=true").json().get("data");
        var bare = server.api().get("/api/v1/event-type?limit=250").json().get("data");

        assertThat(full.findValues("schemas")).isNotEmpty();
        assertThat(bare.findValues("schemas")).isEmpty();
        assertThat(bare.findValuesAsText("name")).contains("content.type");
    }

    @Test
    void putCreatesThenReplaces() {
        var created = server.api().put("/api/v1/event-type/put.type", Map.of("description", "v1", "deprecated", true));
        var replaced = server.api().put("/api/v1/event-type/put.type", Map.of("description", "v2"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("put.type");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("description").asText()).isEqualTo("v2");
        assertThat(replaced.json().get("deprecated").asBoolean()).isFalse();
        assertThat(replaced.json().get("createdAt").asText()).isEqualTo(created.json().get("createdAt").asText());
    }

    @Test
    void patchChangesGivenFieldsAndClearsExplicitNulls() {
        server.api().post("/api/v1/event-type", Map.of("name", "patch.type", "description", "d", "schemas", SCHEMAS,
                "featureFlag", "flag"));

        var patched = server.api().patch("/api/v1/event-type/patch.type", "{\"deprecated\": true, \"schemas\": null}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("deprecated").asBoolean()).isTrue();
        assertThat(patched.json().has("schemas")).isFalse();
        assertThat(patched.json().get("featureFlag").asText()).isEqualTo("flag");
        assertThat(patched.json().get("description").asText()).isEqualTo("d");
    }

    @Test
    void deleteArchivesAndCreatingAgainRevivesTheType() {
        var original = server.api().post("/api/v1/event-type", Map.of("name", "revived.type", "description", "old"));

        assertThat(server.api().delete("/api/v1/event-type/revived.type").status()).isEqualTo(204);
        assertThat(server.api().get("/api/v1/event-type/revived.type").json().get("archived").asBoolean()).isTrue();
        var revived = server.api().post("/api/v1/event-type", Map.of("name", "revived.type", "description", "new"));

        assertThat(revived.status()).isEqualTo(201);
        assertThat(revived.json().get("archived").asBoolean()).isFalse();
        assertThat(revived.json().get("description").asText()).isEqualTo("new");
        assertThat(revived.json().get("createdAt").asText()).isEqualTo(original.json().get("createdAt").asText());
    }

    @Test
    void expungeRemovesTheTypeForGood() {
        server.api().post("/api/v1/event-type", Map.of("name", "expunged.type", "description", "d"));

        assertThat(server.api().delete("/api/v1/event-type/expunged.type?expunge=true").status()).isEqualTo(204);

        assertThat(server.api().get("/api/v1/event-type/expunged.type").status()).isEqualTo(404);
        var all = server.api().get("/api/v1/event-type?limit=250&include_archived=true").json().get("data");
        assertThat(all.findValuesAsText("name")).doesNotContain("expunged.type");
    }

    @Test
    void appScopedTokenMayReadButNotChangeEventTypes() {
        server.api().post("/api/v1/event-type", Map.of("name", "scoped.type", "description", "d"));
        String appId = server.api().post("/api/v1/app", Map.of("name", "Scoped")).json().get("id").asText();
        Api scoped = server.api().withToken(AppTokens.forApp(Authenticator.DEFAULT_ORG, appId));

        assertThat(scoped.get("/api/v1/event-type/scoped.type").status()).isEqualTo(200);
        assertThat(scoped.get("/api/v1/event-type").status()).isEqualTo(200);
        assertThat(scoped.post("/api/v1/event-type", Map.of("name", "scoped.new", "description", "d")).status())
                .isEqualTo(403);
        assertThat(scoped.delete("/api/v1/event-type/scoped.type").status()).isEqualTo(403);
    }

    @Test
    void answersBadInputWith4xxNamingTheField() {
        var badName = server.api().post("/api/v1/event-type", Map.of("name", "has space", "description", "d"));
        var missing = server.api().post("/api/v1/event-type", Map.of("schemas", Map.of("1", "not an object")));
        var badFlag = server.api().post("/api/v1/event-type",
                Map.of("name", "ok.name", "description", "d", "featureFlag", "a b"));
        var longName = server.api().post("/api/v1/event-type", Map.of("name", "x".repeat(257), "description", "d"));

        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"name\"]");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(fieldsIn(missing)).containsExactlyInAnyOrder("name", "description", "schemas");
        assertThat(badFlag.status()).isEqualTo(422);
        assertThat(longName.status()).isEqualTo(422);
        assertThat(server.api().put("/api/v1/event-type/bad%20name", Map.of("description", "d")).status()).isEqualTo(422);
        assertThat(server.api().put("/api/v1/event-type/fine.name", Map.of()).status()).isEqualTo(422);
        assertThat(server.api().patch("/api/v1/event-type/missing.type", Map.of("description", "d")).status()).isEqualTo(404);
        assertThat(server.api().delete("/api/v1/event-type/missing.type").status()).isEqualTo(404);
        assertThat(server.api().post("/api/v1/event-type", "{oops").status()).isEqualTo(400);
        assertThat(server.api().get("/api/v1/event-type?include_archived=maybe").status()).isEqualTo(422);
    }

    private static List<String> fieldsIn(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("detail").forEach(error -> fields.add(error.get("loc").get(1).asText()));
        return fields;
    }
}
