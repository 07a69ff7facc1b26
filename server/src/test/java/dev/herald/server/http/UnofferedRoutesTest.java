package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.svix.Svix;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the Svix API reaches a route: one of Herald's, or a 501 {@code not_implemented} that tells
 * "not offered here" apart from "no such resource". Routing does not depend on the store, so SQLite suffices.
 */
class UnofferedRoutesTest {
    static TestHerald server;

    @BeforeAll
    static void start() {
        server = TestHerald.start(StoreKind.SQLITE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everySvixOperationIsRoutedOrAnswers501NeverRouting404Or405() {
        // Without a token nothing runs: a Herald route answers 401 (or serves a public page), an unoffered one 501.
        Api anonymous = server.api().withToken(null);
        List<String> unrouted = new ArrayList<>();
        List<String> notOffered = new ArrayList<>();
        for (SvixOperations.Operation op : SvixOperations.all()) {
            Api.Response response = anonymous.send(op.method(), concrete(op.path()), null);
            String what = op.method() + " " + op.path() + " -> " + response.status() + " " + response.body();
            if (response.status() == 404 || response.status() == 405) {
                unrouted.add(what);
            }
            if (response.status() == 501) {
                assertThat(response.json().get("code").asText()).as(what).isEqualTo("not_implemented");
                assertThat(response.json().get("detail").asText()).as(what).contains(op.operationId());
                notOffered.add(op.operationId());
            }
        }

        assertThat(unrouted).isEmpty();
        assertThat(notOffered).contains("v1.streaming.stream.list", "v1.connector.list")
                .doesNotContain("v1.application.list", "v1.message.create", "v1.ingest.source.create");
    }

    @Test
    void theSdkSeesAnUnofferedRouteAs501AndAMissingResourceAs404() throws Exception {
        Svix svix = SvixClients.connect(server);
        String appId = svix.getApplication().create(new ApplicationIn().name("501 app")).getId();

        assertThatThrownBy(() -> svix.getIntegration().list(appId))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(501));
        assertThatThrownBy(() -> svix.getApplication().get("app_missing"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void aPathNoSvixOperationHasIsStill404() {
        Api.Response response = server.api().get("/api/v1/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void theOperationListIsTheOneInSvixsOpenApiDocument() throws Exception {
        Optional<Path> spec = reference("svix-api-openapi.json");
        assumeThat(spec).as("Svix's OpenAPI document next to the repository").isPresent();
        JsonNode paths = new ObjectMapper().readTree(spec.get().toFile()).get("paths");
        List<String> fromSpec = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (op.getValue().has("operationId")) {
                fromSpec.add(op.getKey().toUpperCase() + " " + path.getKey() + " "
                        + op.getValue().get("operationId").asText());
            }
        }));

        assertThat(SvixOperations.all().stream().map(op -> op.method() + " " + op.path() + " " + op.operationId()))
                .containsExactlyInAnyOrderElementsOf(fromSpec);
    }

    /** The pattern with every parameter filled in with a value of the right shape. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{[^}]+}", "x_1");
    }

    /** {@code shared/reference/NAME} in the directory holding the repository, if there is one. */
    private static Optional<Path> reference(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
