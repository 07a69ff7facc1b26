package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import dev.herald.webhooks.WebhookSecret;
import dev.herald.webhooks.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code herald migrate-from-svix} from one Herald (speaking the Svix API) into another: the copies keep their
 * fields and secrets, and running it again changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateFromSvixTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private TestHerald source;
    private Receiver receiver;
    private String plainApp;

    @BeforeAll
    void fillTheSource() {
        source = TestHerald.start(StoreKind.SQLITE);
        receiver = Receiver.start();
        Api api = source.api();
        api.post("/api/v1/event-type", Map.of("name", "order.paid", "description", "an order was paid",
                "schemas", Map.of("1", Map.of("type", "object"))));
        api.post("/api/v1/event-type", Map.of("name", "order.old", "description", "retired", "archived", true,
                "groupName", "orders", "featureFlags", List.of("beta", "internal")));
        api.post("/api/v1/app", Map.of("name", "Shop", "uid", "shop", "metadata", Map.of("tier", "gold"),
                "throttleRate", 50));
        api.post("/api/v1/app/shop/endpoint", Map.ofEntries(Map.entry("url", receiver.url("/shop")),
                Map.entry("uid", "shop-main"), Map.entry("description", "main"), Map.entry("secret", SECRET),
                Map.entry("filterTypes", List.of("order.paid")), Map.entry("channels", List.of("eu")),
                Map.entry("rateLimit", 7), Map.entry("metadata", Map.of("team", "ops")),
                Map.entry("headers", Map.of("X-Tenant", "shop"))));
        plainApp = api.post("/api/v1/app", Map.of("name", "No uid")).json().path("id").asText();
        api.post("/api/v1/app/" + plainApp + "/endpoint", Map.of("url", receiver.url("/plain"), "disabled", true));
    }

    @AfterAll
    void close() {
        source.close();
        receiver.close();
    }

    private static Cli.Run migrate(TestHerald from, TestHerald into, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("migrate-from-svix", "--from", from.baseUrl(),
                "--from-token", TestHerald.ADMIN_TOKEN, "--server", into.baseUrl(), "--token", TestHerald.ADMIN_TOKEN));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void copiesEndpointsThatVerifyWithTheSameSecretsAndASecondRunChangesNothing() throws Exception {
        try (TestHerald target = TestHerald.start(StoreKind.SQLITE)) {
            Cli.Run first = migrate(source, target);

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("created");
            Api api = target.api();
            JsonNode app = api.get("/api/v1/app/shop").json();
            assertThat(app.path("metadata").path("tier").asText()).isEqualTo("gold");
            assertThat(app.path("throttleRate").asInt()).isEqualTo(50);
            JsonNode endpoint = api.get("/api/v1/app/shop/endpoint/shop-main").json();
            assertThat(endpoint.path("url").asText()).isEqualTo(receiver.url("/shop"));
            assertThat(endpoint.path("filterTypes")).extracting(JsonNode::asText).containsExactly("order.paid");
            assertThat(endpoint.path("channels")).extracting(JsonNode::asText).containsExactly("eu");
            assertThat(endpoint.path("throttleRate").asInt()).isEqualTo(7);
            assertThat(endpoint.path("metadata").path("team").asText()).isEqualTo("ops");
            assertThat(api.get("/api/v1/app/shop/endpoint/shop-main/headers").json().path("headers")
                    .path("X-Tenant").asText()).isEqualTo("shop");
            assertThat(api.get("/api/v1/app/shop/endpoint/shop-main/secret").json().path("key").asText())
                    .isEqualTo(SECRET);
            JsonNode archived = api.get("/api/v1/event-type/order.old").json();
            assertThat(archived.path("archived").asBoolean()).isTrue();
            assertThat(archived.path("groupName").asText()).isEqualTo("orders");
            assertThat(archived.path("featureFlags")).extracting(JsonNode::asText).containsExactly("beta", "internal");
            assertThat(api.get("/api/v1/event-type/order.paid").json().path("schemas").path("1").path("type")
                    .asText()).isEqualTo("object");
            assertThat(api.get("/api/v1/app/migrated-" + plainApp).json().path("name").asText())
                    .as("an application without uid is found by its source id").isEqualTo("No uid");

            String msg = api.post("/api/v1/app/shop/msg", Map.of("eventType", "order.paid", "channels",
                    List.of("eu"), "payload", Map.of("n", 1))).json().path("id").asText();
            Receiver.Received delivered = receiver.await(1, r -> msg.equals(r.header("webhook-id")),
                    Duration.ofSeconds(30)).getFirst();
            new WebhookVerifier(WebhookSecret.parse(SECRET)).verify(delivered.headers(), delivered.body());
            assertThat(delivered.header("X-Tenant")).isEqualTo("shop");

            String updatedAt = api.get("/api/v1/app/shop/endpoint/shop-main").json().path("updatedAt").asText();
            Cli.Run second = migrate(source, target, "--json");

            assertThat(second.exitCode()).as(second.err()).isZero();
            List<JsonNode> lines = second.out().lines().map(Json::readTrusted).toList();
            assertThat(lines.subList(0, lines.size() - 1)).extracting(l -> l.path("action").asText())
                    .containsOnly("unchanged").hasSizeGreaterThanOrEqualTo(6);
            assertThat(api.get("/api/v1/app/shop/endpoint/shop-main").json().path("updatedAt").asText())
                    .isEqualTo(updatedAt);
        }
    }

    @Test
    void aDryRunSaysWhatItWouldCopyAndCopiesNothing() {
        try (TestHerald target = TestHerald.start(StoreKind.SQLITE)) {
            Cli.Run run = migrate(source, target, "--dry-run");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("would create").doesNotContain("  created").contains("WOULD CREATE");
            assertThat(target.api().get("/api/v1/app").json().path("data")).isEmpty();
            assertThat(target.api().get("/api/v1/event-type").json().path("data")).isEmpty();
        }
    }

    @Test
    void exitsWithOneWhenTheSourceRefusesTheToken() {
        try (TestHerald target = TestHerald.start(StoreKind.SQLITE)) {
            Cli.Run run = Cli.run("migrate-from-svix", "--from", source.baseUrl(), "--from-token", "wrong",
                    "--server", target.baseUrl(), "--token", TestHerald.ADMIN_TOKEN);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("401");
        }
    }
}
