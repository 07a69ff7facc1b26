package dev.herald.server.eventtype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import dev.herald.server.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiWebhooksTest {

    private static List<EventTypeFields> read(String json) {
        return OpenApiWebhooks.read(Json.readTrusted(json));
    }

    @Test
    void aRecursiveSchemaKeepsItsInnerReference() {
        List<EventTypeFields> types = read("""
                {"webhooks": {"tree.grown": {"post": {"requestBody": {"content": {"application/json":
                  {"schema": {"$ref": "#/components/schemas/Node"}}}}}}},
                 "components": {"schemas": {"Node": {"type": "object",
                  "properties": {"child": {"$ref": "#/components/schemas/Node"}}}}}}
                """);

        JsonNode schema = types.get(0).schemas().get("1");
        assertThat(schema.at("/properties/child/$ref").asText()).isEqualTo("#/components/schemas/Node");
        assertThat(schema.get("type").asText()).isEqualTo("object");
    }

    @Test
    void referencedRequestBodiesAndNamedExamplesAreInlined() {
        List<EventTypeFields> types = read("""
                {"webhooks": {"user.created": {"post": {"requestBody": {"$ref": "#/components/requestBodies/User"}}}},
                 "components": {
                  "requestBodies": {"User": {"content": {"application/json": {"schema": {"type": "object"},
                    "examples": {"ada": {"$ref": "#/components/examples/Ada"}}}}}},
                  "examples": {"Ada": {"value": {"name": "Ada"}}}}}
                """);

        assertThat(types.get(0).schemas().get("1").get("examples"))
                .isEqualTo(Json.readTrusted("[{\"name\": \"Ada\"}]"));
    }

    @Test
    void aWebhookWithoutABodyHasNoSchemaAndOneWithoutPostUsesItsOperation() {
        List<EventTypeFields> types = read("""
                {"webhooks": {"ping": {"put": {"summary": "A ping", "deprecated": true}}}}
                """);

        assertThat(types).singleElement().satisfies(type -> {
            assertThat(type.name()).isEqualTo("ping");
            assertThat(type.description()).isEqualTo("A ping");
            assertThat(type.deprecated()).isTrue();
            assertThat(type.schemas()).isNull();
        });
    }

    @Test
    void refusesEveryWebhookWithABadNameOrNoOperation() {
        assertThatThrownBy(() -> read("""
                {"webhooks": {"bad name": {"post": {}}, "empty": {}}}
                """)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .extracting(ValidationException.FieldError::loc)
                .containsExactly(List.of("body", "spec", "webhooks", "bad name"),
                        List.of("body", "spec", "webhooks", "empty")));
    }

    @Test
    void refusesReferencesThatExpandWithoutBound() {
        StringBuilder schemas = new StringBuilder("\"S0\": {\"type\": \"string\"}");
        for (int i = 1; i <= 30; i++) {
            schemas.append(", \"S").append(i).append("\": {\"allOf\": [{\"$ref\": \"#/components/schemas/S")
                    .append(i - 1).append("\"}, {\"$ref\": \"#/components/schemas/S").append(i - 1).append("\"}]}");
        }
        String spec = "{\"webhooks\": {\"big\": {\"post\": {\"requestBody\": {\"content\": {\"application/json\": "
                + "{\"schema\": {\"$ref\": \"#/components/schemas/S30\"}}}}}}}, \"components\": {\"schemas\": {"
                + schemas + "}}}";

        assertThatThrownBy(() -> read(spec)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).msg()).contains("expand"));
    }

    @Test
    void specRawThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> OpenApiWebhooks.parseRaw("- just\n- a list"))
                .isInstanceOf(ValidationException.class);
    }
}
