package dev.herald.server.inbound;

import static dev.herald.server.inbound.ProviderSigning.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Captured inbound requests are payloads too: expunging all contents of a source's application deletes them. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class InboundExpungeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameter
    StoreKind store;

    @Test
    void expungingASourcesApplicationDeletesItsCapturedRequests() throws Exception {
        try (TestHerald server = TestHerald.start(store)) {
            InboundFixture fixture = new InboundFixture(server.api());
            InboundFixture.Source purged = fixture.source(Map.of("name", "purged", "type", "generic-webhook"));
            InboundFixture.Source kept = fixture.source(Map.of("name", "kept", "type", "generic-webhook"));
            for (InboundFixture.Source source : List.of(purged, kept)) {
                InboundFixture.post(source.ingestUrl(), List.of("Content-Type", "application/json"),
                        utf8("{\"email\":\"alice@example.com\"}"));
            }

            var task = server.api().post("/api/v1/app/ingest-" + purged.id() + "/msg/expunge-all-contents", null);
            awaitFinished(server, task.json().get("id").asText());

            assertThat(capturedRequests(server, purged.id())).isZero();
            assertThat(capturedRequests(server, kept.id())).isEqualTo(1);
        }
    }

    private static void awaitFinished(TestHerald server, String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.api().get("/api/v1/background-task/" + taskId).json().get("status").asText().equals("running")) {
            assertThat(System.nanoTime()).as("background task finished in time").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(server.api().get("/api/v1/background-task/" + taskId).json().get("status").asText())
                .isEqualTo("finished");
    }

    /** Read from the store itself. */
    private static long capturedRequests(TestHerald server, String sourceId) throws Exception {
        String url = server.postgresUrl().orElse("jdbc:sqlite:" + server.dataDir().resolve("herald.db"));
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM inbound_request WHERE source_id = ?")) {
            count.setString(1, sourceId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
