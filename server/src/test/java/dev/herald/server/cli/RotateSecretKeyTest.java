package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import dev.herald.server.core.Config;
import dev.herald.server.core.Setting;
import dev.herald.server.endpoint.SecretKeyRotation;
import dev.herald.server.store.Database;
import dev.herald.server.store.Databases;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code herald rotate-secret-key} on each store: endpoints with secrets and headers and an inbound source are made,
 * the key is rotated with the server stopped, and the restarted server, on the new key, still signs deliveries that
 * verify with the same endpoint secrets, still sends and shows the headers, and still verifies the source's requests.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class RotateSecretKeyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String GITHUB_SECRET = "gh-secret";

    @Parameter
    StoreKind store;

    final Receiver receiver = Receiver.start();
    TestHerald server;
    String app;
    String endpoint;
    String endpointSecret;
    /** The source's ingest URL without its origin, since a restarted server listens on another port. */
    String ingestPath;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void startWithEndpointsAndASource() {
        server = TestHerald.start(store, Map.of(Setting.SECRET_KEY, "")); // the key is generated and stored
        Api api = server.api();
        app = api.post("/api/v1/app", Map.of("name", "Rotated")).json().get("id").asText();
        endpoint = "/api/v1/app/" + app + "/endpoint/" + api.post("/api/v1/app/" + app + "/endpoint",
                Map.of("url", receiver.url("/hook"), "headers", Map.of("X-Tenant", "acme",
                        "Authorization", "Bearer downstream-credential"))).json().get("id").asText();
        endpointSecret = api.get(endpoint + "/secret").json().get("key").asText();
        String ingestUrl = api.post("/ingest/api/v1/source", Map.of("name", "gh", "type", "github",
                "config", Map.of("secret", GITHUB_SECRET))).json().get("ingestUrl").asText();
        ingestPath = URI.create(ingestUrl).getRawPath();
    }

    @AfterEach
    void stopAll() {
        server.close();
        receiver.close();
    }

    @Test
    void theRestartedServerStillSignsSendsHeadersAndVerifiesWithTheStoredKeyReplaced() throws Exception {
        server.stop();

        Run run = rotate("--new-key", "the-new-key");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("endpoint_secret.secret", "endpoint.headers", "ingest_source.config",
                "the new key replaced the stored one");
        server.startServer(Clock.systemUTC());
        assertStillWorks();
    }

    @Test
    void theServerStartsOnlyWithTheNewKeyWhenTheOperatorSuppliesIt() throws Exception {
        server.stop();

        Run run = rotate("--new-key", "operator-held-key", "--external");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("start every node with HERALD_SECRET_KEY set to the new key");
        assertThatThrownBy(() -> server.startServer(Clock.systemUTC())).hasStackTraceContaining("secret key");
        server.set(Setting.SECRET_KEY, "operator-held-key");
        server.startServer(Clock.systemUTC());
        assertStillWorks();
    }

    @Test
    void anInterruptedRotationStopsTheServerFromStartingUntilItIsRunAgain() throws Exception {
        Config config = server.herald().config();
        server.stop();
        try (Database db = Databases.open(config)) {
            assertThatThrownBy(() -> new SecretKeyRotation(config, db).rotate("the-new-key", false, (column, n) -> {
                throw new IllegalStateException("killed after " + column); // endpoint secrets re-sealed, nothing else
            })).hasMessageContaining("killed");
        }

        assertThatThrownBy(() -> server.startServer(Clock.systemUTC()))
                .hasStackTraceContaining("rotation was interrupted");
        Run again = rotate("--new-key", "the-new-key");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("endpoint_secret.secret +0 values")
                .containsPattern("endpoint.headers +1 values");
        server.startServer(Clock.systemUTC());
        assertStillWorks();
    }

    private void assertStillWorks() throws Exception {
        Api api = server.api();
        assertThat(api.get(endpoint + "/secret").json().get("key").asText()).isEqualTo(endpointSecret);
        assertThat(api.get(endpoint + "/headers").json().get("headers").get("X-Tenant").asText()).isEqualTo("acme");
        api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "key.rotated", "payload", Map.of("ok", true)));
        Receiver.Received delivered = receiver.await(1, WAIT).getFirst();
        assertThat(delivered.header("Authorization")).isEqualTo("Bearer downstream-credential");
        new Webhook(endpointSecret).verify(delivered.bodyText(), HttpHeaders.of(Map.of(
                "webhook-id", List.of(delivered.header("webhook-id")),
                "webhook-timestamp", List.of(delivered.header("webhook-timestamp")),
                "webhook-signature", List.of(delivered.header("webhook-signature"))), (a, b) -> true));
        assertThat(postSignedGitHubRequest()).isEqualTo(200);
    }

    private int postSignedGitHubRequest() throws Exception {
        byte[] body = "{\"zen\":\"rotated\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + ingestPath))
                .header("X-GitHub-Event", "ping")
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private Run rotate(String... args) {
        List<String> all = new ArrayList<>(List.of("rotate-secret-key", "--data-dir", server.dataDir().toString()));
        server.postgresUrl().ifPresent(url -> all.addAll(List.of("--database-url", url)));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
