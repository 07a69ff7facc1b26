package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald migrate-store} end to end: a store built through the API on SQLite, moved into a fresh PostgreSQL
 * database, serves the same data there, with the same endpoint secrets, and delivers what was still pending.
 */
class MigrateStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The embedded store generates its key file (as in production) instead of taking one from the settings. */
    private static final Map<Setting, String> GENERATED_KEY = Map.of(Setting.SECRET_KEY, "",
            Setting.RETRY_SCHEDULE, "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run migrate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(Stream.concat(Stream.of("migrate-store"), Arrays.stream(args)).toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void movesAnEmbeddedStoreToPostgresqlWithItsSecretsAndPendingDeliveries() throws Exception {
        try (Receiver up = Receiver.start();
             Receiver down = Receiver.start().answering(n -> Receiver.Answer.status(503));
             TestHerald sqlite = TestHerald.start(StoreKind.SQLITE, GENERATED_KEY)) {
            Api api = sqlite.api();
            String app = api.post("/api/v1/app", Map.of("name", "Shop", "uid", "shop")).json().get("id").asText();
            api.post("/api/v1/event-type", Map.of("name", "order.paid", "description", "an order was paid"));
            String upEndpoint = endpoint(api, app, up.url("/up"), "up-ep");
            String downEndpoint = endpoint(api, app, down.url("/down"), "down-ep");
            String upSecret = secret(api, app, upEndpoint);
            String downSecret = secret(api, app, downEndpoint);
            List<String> messages = List.of(send(api, app, "evt-1"), send(api, app, "evt-2"), send(api, app, "evt-3"));
            up.await(3, WAIT);
            down.await(3, WAIT); // each first attempt failed: three deliveries pending a retry
            sqlite.stop();

            Map<String, Long> rows = rowCounts(sqlite.dataDir(), "application", "event_type", "endpoint",
                    "endpoint_secret", "message", "delivery_task", "message_attempt", "setting");
            assertThat(rows).containsEntry("delivery_task", 6L); // three messages, two endpoints each

            String postgres = StoreKind.createPostgresDatabase();
            Run run = migrate("--data-dir", sqlite.dataDir().toString(), "--to", postgres);

            assertThat(run.exitCode()).as(run.err()).isZero();
            rows.forEach((table, count) ->
                    assertThat(run.out()).contains(String.format("  %-18s %,d rows", table, count)));
            assertThat(run.out()).contains("secret key         moved into the database");
            down.answering(n -> Receiver.Answer.status(200));
            int upBefore = up.received().size();
            try (TestHerald moved = TestHerald.startOnPostgres(postgres, GENERATED_KEY)) {
                Api api2 = moved.api();
                assertThat(api2.get("/api/v1/app/shop").json().get("id").asText()).isEqualTo(app);
                assertThat(api2.get("/api/v1/event-type/order.paid").json().get("description").asText())
                        .isEqualTo("an order was paid");
                assertThat(api2.get("/api/v1/app/shop/endpoint/up-ep").json().get("id").asText()).isEqualTo(upEndpoint);
                assertThat(secret(api2, app, upEndpoint)).isEqualTo(upSecret);
                assertThat(secret(api2, app, downEndpoint)).isEqualTo(downSecret);
                assertThat(ids(api2.get("/api/v1/app/" + app + "/msg").json()))
                        .containsExactlyInAnyOrderElementsOf(messages);
                assertThat(api2.get("/api/v1/app/" + app + "/msg/evt-2").json().get("id").asText())
                        .isEqualTo(messages.get(1));

                Set<String> redelivered = down.awaitWebhookIds(messages, WAIT);
                assertThat(redelivered).containsExactlyInAnyOrderElementsOf(messages);
                Receiver.Received last = down.received().getLast();
                new Webhook(downSecret).verify(last.bodyText(), HttpHeaders.of(Map.of(
                        "webhook-id", List.of(last.header("webhook-id")),
                        "webhook-timestamp", List.of(last.header("webhook-timestamp")),
                        "webhook-signature", List.of(last.header("webhook-signature"))), (a, b) -> true));
                assertThat(up.received()).hasSize(upBefore); // what was delivered stays delivered
            }
        }
    }

    @Test
    void refusesATargetThatHoldsDataUnlessForced() {
        try (TestHerald sqlite = TestHerald.start(StoreKind.SQLITE, GENERATED_KEY)) {
            sqlite.api().post("/api/v1/app", Map.of("name", "Only"));
            sqlite.stop();
            String postgres = StoreKind.createPostgresDatabase();
            try {
                String dir = sqlite.dataDir().toString();
                assertThat(migrate("--data-dir", dir, "--to", postgres).exitCode()).isZero();

                Run again = migrate("--data-dir", dir, "--to", postgres);
                Run forced = migrate("--data-dir", dir, "--to", postgres, "--force");

                assertThat(again.exitCode()).isEqualTo(1);
                assertThat(again.err()).contains("already holds Herald data", "--force");
                assertThat(forced.exitCode()).as(forced.err()).isZero();
                assertThat(forced.out()).contains("emptied the target", "application        1 rows");
            } finally {
                StoreKind.dropPostgresDatabase(postgres);
            }
        }
    }

    @Test
    void refusesADataDirWithoutAnEmbeddedStore(@TempDir Path empty) {
        Run run = migrate("--data-dir", empty.toString(), "--to", "postgresql://127.0.0.1/nowhere");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no embedded store at");
    }

    /** Rows per table, read straight from the embedded store's file. */
    private static Map<String, Long> rowCounts(Path dataDir, String... tables) throws Exception {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("herald.db"));
             Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String endpoint(Api api, String app, String url, String uid) {
        var response = api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", url, "uid", uid));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private static String secret(Api api, String app, String endpoint) {
        return api.get("/api/v1/app/" + app + "/endpoint/" + endpoint + "/secret").json().get("key").asText();
    }

    private static String send(Api api, String app, String eventId) {
        var response = api.post("/api/v1/app/" + app + "/msg",
                Map.of("eventType", "order.paid", "eventId", eventId, "payload", Map.of("id", eventId)));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("id").asText();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(m -> m.get("id").asText())
                .collect(Collectors.toList());
    }
}
