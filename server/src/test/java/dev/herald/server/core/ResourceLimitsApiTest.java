package dev.herald.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.Servers;
import dev.herald.server.testing.TestHerald;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Each size limit refuses what goes past it — 422 for a field, 400 limit_reached for a full collection. */
@ParameterizedClass
@MethodSource("servers")
class ResourceLimitsApiTest {
    @Parameter
    TestHerald server;

    String endpoints;

    static Stream<TestHerald> servers() {
        return Servers.eachStore(Map.of(Setting.MAX_DESCRIPTION, "100", Setting.MAX_ENDPOINT_HEADERS, "3",
                Setting.MAX_HEADER_SIZE, "64", Setting.MAX_ENDPOINTS_PER_APP, "2", Setting.MAX_EVENT_TYPES, "3"));
    }

    @BeforeEach
    void createApp() {
        String app = server.api().post("/api/v1/app", Map.of("name", "Limits")).json().get("id").asText();
        endpoints = "/api/v1/app/" + app + "/endpoint";
    }

    @Test
    void endpointDescriptionLongerThanTheLimitIsRefusedWith422() {
        var created = server.api().post(endpoints, Map.of("url", "https://example.com", "description", "d".repeat(101)));
        String id = server.api().post(endpoints, Map.of("url", "https://example.com", "description", "d".repeat(100)))
                .json().get("id").asText();
        var patched = server.api().patch(endpoints + "/" + id, Map.of("description", "d".repeat(101)));

        for (Api.Response refused : new Api.Response[] {created, patched}) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().at("/detail/0/loc/1").asText()).isEqualTo("description");
            assertThat(refused.json().at("/detail/0/msg").asText()).contains("100").contains("HERALD_MAX_DESCRIPTION");
        }
    }

    @Test
    void moreCustomHeadersThanTheLimitAreRefusedWith422() {
        Map<String, String> four = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            four.put("x-h" + i, "v");
        }
        var created = server.api().post(endpoints, Map.of("url", "https://example.com", "headers", four));
        String id = server.api().post(endpoints, Map.of("url", "https://example.com")).json().get("id").asText();
        var replaced = server.api().put(endpoints + "/" + id + "/headers", Map.of("headers", four));

        for (Api.Response refused : new Api.Response[] {created, replaced}) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().at("/detail/0/msg").asText()).contains("HERALD_MAX_ENDPOINT_HEADERS");
        }
    }

    @Test
    void customHeaderLargerThanTheLimitIsRefusedWith422() {
        String id = server.api().post(endpoints, Map.of("url", "https://example.com")).json().get("id").asText();

        var tooLarge = server.api().patch(endpoints + "/" + id + "/headers",
                Map.of("headers", Map.of("x-big", "v".repeat(60))));
        var fits = server.api().patch(endpoints + "/" + id + "/headers",
                Map.of("headers", Map.of("x-big", "v".repeat(59))));

        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.json().at("/detail/0/msg").asText()).contains("64 bytes").contains("HERALD_MAX_HEADER_SIZE");
        assertThat(fits.status()).isEqualTo(204);
    }

    @Test
    void applicationWithTheMostEndpointsTakesNoMoreUntilOneIsDeleted() {
        String first = server.api().post(endpoints, Map.of("url", "https://example.com")).json().get("id").asText();
        server.api().post(endpoints, Map.of("url", "https://example.com"));

        var third = server.api().post(endpoints, Map.of("url", "https://example.com"));
        server.api().delete(endpoints + "/" + first);
        var again = server.api().post(endpoints, Map.of("url", "https://example.com"));

        assertThat(third.status()).isEqualTo(400);
        assertThat(third.json().get("code").asText()).isEqualTo("limit_reached");
        assertThat(third.json().get("detail").asText()).contains("HERALD_MAX_ENDPOINTS_PER_APP");
        assertThat(again.status()).isEqualTo(201);
    }

    @Test
    void organisationWithTheMostEventTypesTakesNoMore() {
        for (String name : new String[] {"a.one", "a.two", "a.three"}) {
            assertThat(server.api().post("/api/v1/event-type", Map.of("name", name, "description", name)).status())
                    .isEqualTo(201);
        }

        var created = server.api().post("/api/v1/event-type", Map.of("name", "a.four", "description", "x"));
        var upserted = server.api().put("/api/v1/event-type/a.four", Map.of("description", "x"));
        var updated = server.api().put("/api/v1/event-type/a.one", Map.of("description", "still fine"));
        var environment = server.api().post("/api/v1/environment/import", Map.of("eventTypes",
                List.of(Map.of("name", "a.four", "description", "x"))));
        var openApi = server.api().post("/api/v1/event-type/import/openapi", Map.of("specRaw",
                "webhooks: {a.four: {post: {description: x}}}"));
        var reimported = server.api().post("/api/v1/environment/import", Map.of("eventTypes",
                List.of(Map.of("name", "a.two", "description", "imported again"))));

        for (Api.Response refused : new Api.Response[] {created, upserted, environment, openApi}) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("limit_reached");
            assertThat(refused.json().get("detail").asText()).contains("HERALD_MAX_EVENT_TYPES");
        }
        assertThat(updated.status()).isEqualTo(200);
        assertThat(reimported.status()).isEqualTo(204);
    }
}
