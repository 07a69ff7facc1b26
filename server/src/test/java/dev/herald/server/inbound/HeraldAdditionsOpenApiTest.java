package dev.herald.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document of Herald's additions describes the inbound routes Herald actually registers. */
class HeraldAdditionsOpenApiTest {

    @Test
    void documentsEveryInspectionRouteAndTheIngestUrl() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/openapi/herald-additions.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);

        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(paths).contains(CaptureRoutes.ALL, CaptureRoutes.ONE, CaptureRoutes.ONE + "/replay",
                IngestUrlRoutes.PREFIX + "{token}/{path}");
        assertThat(doc.at("/paths/" + CaptureRoutes.ONE.replace("/", "~1") + "~1replay/post/responses/409")
                .isMissingNode()).isFalse();
        assertThat(doc.at("/components/schemas/InboundRequestOut/properties").size()).isEqualTo(14);
    }
}
