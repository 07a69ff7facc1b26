package dev.herald.server.inbound;

import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.TestHerald;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Svix's ingest log ({@code GET /ingest/api/v1/source/{id}/log}): the requests a source refused, in Svix's shape. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class IngestLogApiTest {
    private static final String SECRET = "gh-secret";

    @Parameter
    TestHerald server;

    InboundFixture fixture;
    InboundFixture.Source source;

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(server.api());
        source = fixture.source(Map.of("name", "gh", "uid", "gh-log-" + System.nanoTime(), "type", "github",
                "config", Map.of("secret", SECRET)));
    }

    private String log() {
        return "/ingest/api/v1/source/" + source.id() + "/log";
    }

    private int sendGitHub(String body, String secret) {
        byte[] bytes = utf8(body);
        return InboundFixture.post(source.ingestUrl(), List.of("Content-Type", "application/json",
                "X-GitHub-Event", "push", "Authorization", "Bearer provider-credential",
                "X-Hub-Signature-256", ProviderSigning.github(secret, bytes)), bytes).status();
    }

    @Test
    void listsARefusedRequestInSvixsShape() {
        Instant before = Instant.now().minusSeconds(1);
        assertThat(sendGitHub("{\"refused\":true}", "wrong-secret")).isEqualTo(401);

        Api.Response page = server.api().get(log());

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("done").asBoolean()).isTrue();
        JsonNode entry = page.json().get("data").get(0);
        assertThat(entry.get("id").asText()).isEqualTo(fixture.onlyCapture(source).get("id").asText());
        assertThat(entry.get("source_id").asText()).isEqualTo(source.id());
        assertThat(entry.get("status_code").asInt()).isEqualTo(401);
        assertThat(entry.get("error_text").asText()).contains("X-Hub-Signature-256");
        assertThat(entry.get("payload").asText()).isEqualTo("{\"refused\":true}");
        assertThat(entry.get("headers").get("x-github-event").asText()).isEqualTo("push");
        assertThat(entry.get("headers").get("authorization").asText()).isEqualTo(CaptureOut.WITHHELD);
        assertThat(Instant.parse(entry.get("created_at").asText())).isAfter(before);
        assertThat(entry.get("updated_at").asText()).isEqualTo(entry.get("created_at").asText());
    }

    @Test
    void leavesOutRequestsThatWereForwarded() {
        assertThat(sendGitHub("{\"ok\":1}", SECRET)).isEqualTo(200);
        assertThat(sendGitHub("{\"bad\":2}", "wrong-secret")).isEqualTo(401);

        Api.Response page = server.api().get(log());

        assertThat(page.json().get("data")).singleElement()
                .satisfies(e -> assertThat(e.get("payload").asText()).isEqualTo("{\"bad\":2}"));
    }

    @Test
    void pagesNewestFirstByDefaultAndOldestFirstWhenAskedWithSvixsIterator() {
        for (int i = 0; i < 5; i++) {
            assertThat(sendGitHub("{\"n\":" + i + "}", "wrong-secret")).isEqualTo(401);
        }

        List<String> newestFirst = pageThrough(log() + "?limit=2");
        List<String> oldestFirst = pageThrough(log() + "?limit=2&order=ascending");

        assertThat(newestFirst).containsExactly("{\"n\":4}", "{\"n\":3}", "{\"n\":2}", "{\"n\":1}", "{\"n\":0}");
        assertThat(oldestFirst).containsExactlyElementsOf(newestFirst.reversed());
    }

    @Test
    void findsTheSourceByUidAndAnswers404ForAnUnknownOne() {
        assertThat(sendGitHub("{}", "wrong-secret")).isEqualTo(401);

        assertThat(server.api().get("/ingest/api/v1/source/" + source.json().get("uid").asText() + "/log")
                .json().get("data")).hasSize(1);
        assertThat(server.api().get("/ingest/api/v1/source/src_unknown/log").status()).isEqualTo(404);
    }

    @Test
    void refusesALimitOutsideSvixsRange() {
        Api.Response answer = server.api().get(log() + "?limit=251");

        assertThat(answer.status()).isEqualTo(422);
    }

    private List<String> pageThrough(String first) {
        List<String> payloads = new ArrayList<>();
        String path = first;
        while (true) {
            JsonNode page = server.api().get(path).json();
            page.get("data").forEach(e -> payloads.add(e.get("payload").asText()));
            if (page.get("done").asBoolean()) {
                return payloads;
            }
            path = first + "&iterator=" + page.get("iterator").asText();
        }
    }
}
