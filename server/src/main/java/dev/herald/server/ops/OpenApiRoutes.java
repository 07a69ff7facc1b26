package dev.herald.server.ops;

import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /api/v1/openapi.json}: the OpenAPI document of the routes Herald adds to the Svix API. */
public final class OpenApiRoutes implements RouteGroup {
    private static final String RESOURCE = "openapi/herald-additions.json";
    private final String document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/v1/openapi.json", Router.Access.PUBLIC,
                call -> Reply.text(200, "application/json", document));
    }
}
