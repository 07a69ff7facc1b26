package dev.herald.server.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The operations of the Svix API v1, read from {@code openapi/svix-operations.txt} (generated from Svix's
 * OpenAPI document), so that the router can answer 501 to those Herald does not offer.
 */
public final class SvixOperations {
    static final String RESOURCE = "openapi/svix-operations.txt";

    /** One operation: HTTP method, path pattern as Svix writes it, and Svix's operation id. */
    public record Operation(String method, String path, String operationId) {
    }

    private SvixOperations() {
    }

    public static List<Operation> all() {
        try (InputStream in = SvixOperations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.trim().split(" +"))
                    .map(parts -> new Operation(parts[0], parts[1], parts[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
