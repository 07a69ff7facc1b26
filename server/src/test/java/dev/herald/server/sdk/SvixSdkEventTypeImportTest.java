package dev.herald.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Svix;
import com.svix.exceptions.ApiException;
import com.svix.models.EventTypeFromOpenApi;
import com.svix.models.EventTypeImportOpenApiIn;
import com.svix.models.EventTypeImportOpenApiOutData;
import com.svix.models.EventTypeIn;
import com.svix.models.EventTypeOut;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /api/v1/event-type/import/openapi} through the official Svix Java SDK. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SvixSdkEventTypeImportTest {
    /** An OpenAPI 3.1 document: a webhook whose body refers to a component schema, with a media-type example. */
    private static final Map<String, Object> PETS = Map.of(
            "openapi", "3.1.0",
            "info", Map.of("title", "Pets", "version", "1.0.0"),
            "webhooks", Map.of("pet.new", Map.of("post", Map.of(
                    "description", "A pet was added",
                    "requestBody", Map.of("content", Map.of("application/json", Map.of(
                            "schema", Map.of("$ref", "#/components/schemas/Pet"),
                            "example", Map.of("id", 7, "name", "Rex"))))))),
            "components", Map.of("schemas", Map.of("Pet", Map.of(
                    "type", "object",
                    "required", List.of("id", "name"),
                    "properties", Map.of("id", Map.of("type", "integer"), "name", Map.of("type", "string"))))));

    /** OpenAPI 3.0 with the x-webhooks extension, as YAML: a deprecated webhook described by its summary. */
    private static final String LEGACY_YAML = """
            openapi: 3.0.3
            info: {title: Legacy, version: "1"}
            paths: {}
            x-webhooks:
              pet.gone:
                post:
                  summary: A pet left
                  deprecated: true
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {id: {type: integer}}}
                        examples:
                          first: {value: {id: 1}}
            """;

    @Parameter
    TestHerald server;

    Svix svix;

    @BeforeEach
    void connect() {
        svix = SvixClients.connect(server);
    }

    @Test
    void importsWebhooksWithTheirSchemasAndExamples() throws Exception {
        EventTypeImportOpenApiOutData result = svix.getEventType()
                .importOpenapi(new EventTypeImportOpenApiIn().spec(PETS)).getData();

        EventTypeOut pet = svix.getEventType().get("pet.new");
        assertThat(result.getModified()).containsExactly("pet.new");
        assertThat(pet.getDescription()).isEqualTo("A pet was added");
        assertThat(pet.getDeprecated()).isFalse();
        assertThat(pet.getSchemas()).isEqualTo(Map.of("1", Map.of(
                "type", "object",
                "required", List.of("id", "name"),
                "properties", Map.of("id", Map.of("type", "integer"), "name", Map.of("type", "string")),
                "examples", List.of(Map.of("id", 7, "name", "Rex")))));
    }

    @Test
    void readsXWebhooksFromYamlText() throws Exception {
        svix.getEventType().importOpenapi(new EventTypeImportOpenApiIn().specRaw(LEGACY_YAML));

        EventTypeOut gone = svix.getEventType().get("pet.gone");
        assertThat(gone.getDescription()).isEqualTo("A pet left");
        assertThat(gone.getDeprecated()).isTrue();
        assertThat(gone.getSchemas()).isEqualTo(Map.of("1", Map.of("type", "object",
                "properties", Map.of("id", Map.of("type", "integer")), "examples", List.of(Map.of("id", 1)))));
    }

    @Test
    void aDryRunListsWhatItWouldModifyAndWritesNothing() throws Exception {
        String spec = LEGACY_YAML.replace("pet.gone", "pet.dry-run");

        EventTypeImportOpenApiOutData result = svix.getEventType()
                .importOpenapi(new EventTypeImportOpenApiIn().specRaw(spec).dryRun(true)).getData();

        assertThat(result.getModified()).isEmpty();
        assertThat(result.getToModify()).extracting(EventTypeFromOpenApi::getName).containsExactly("pet.dry-run");
        assertThat(result.getToModify().get(0).getDeprecated()).isTrue();
        assertThatThrownBy(() -> svix.getEventType().get("pet.dry-run"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void replaceAllArchivesTheTypesTheSpecLacksAndRevivesArchivedOnes() throws Exception {
        svix.getEventType().create(new EventTypeIn().name("order.old").description("old"));
        svix.getEventType().create(new EventTypeIn().name("pet.new").description("before").featureFlag("beta"));
        svix.getEventType().delete("pet.new");

        svix.getEventType().importOpenapi(new EventTypeImportOpenApiIn().spec(PETS).replaceAll(true));

        EventTypeOut pet = svix.getEventType().get("pet.new");
        assertThat(svix.getEventType().get("order.old").getArchived()).isTrue();
        assertThat(pet.getArchived()).isFalse();
        assertThat(pet.getDescription()).isEqualTo("A pet was added");
        assertThat(pet.getFeatureFlag()).isEqualTo("beta");
    }

    @Test
    void refusesBothOrNeitherSpecAndSpecRaw() {
        assertThatThrownBy(() -> svix.getEventType().importOpenapi(new EventTypeImportOpenApiIn()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
        assertThatThrownBy(() -> svix.getEventType().importOpenapi(
                new EventTypeImportOpenApiIn().spec(PETS).specRaw(LEGACY_YAML)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
        assertThatThrownBy(() -> svix.getEventType().importOpenapi(
                new EventTypeImportOpenApiIn().specRaw("webhooks: [unclosed")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }
}
