package dev.herald.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.http.SvixOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/compatibility.md accounts for every operation of the Svix API that the router knows of. */
class CompatibilityDocTest {
    private static final Path DOC = Path.of("..", "docs", "compatibility.md");

    @Test
    void namesEverySvixOperation() throws Exception {
        String doc = Files.readString(DOC);
        for (SvixOperations.Operation op : SvixOperations.all()) {
            assertThat(doc).as("compatibility row for " + op.operationId()).contains("`" + op.operationId() + "`");
        }
    }
}
