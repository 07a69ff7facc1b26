package dev.herald.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, run in the page the browser shows, for the accessibility test. The script is the pinned release that
 * {@code .ci/axe-core.sh} fetches from the npm registry, named by {@code HERALD_AXE_JS}; Herald never serves it. It is
 * put into the page through WebDriver, which the pages' Content-Security-Policy does not govern. Without it the test
 * is skipped, unless {@code HERALD_REQUIRE_BROWSER} is set (CI sets it), in which case it fails.
 */
public final class Axe {
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
              .then(results => done(results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ' (' + v.help + ') at '
                  + v.nodes.map(n => JSON.stringify(n.target)).join(', '))))
              .catch(error => done(['axe failed: ' + error]));
            """;

    private final String source;

    private Axe(String source) {
        this.source = source;
    }

    public static Axe load() {
        String named = System.getenv("HERALD_AXE_JS");
        boolean present = named != null && Files.isReadable(Path.of(named));
        if (System.getenv("HERALD_REQUIRE_BROWSER") == null) {
            Assumptions.assumeTrue(present, "HERALD_AXE_JS does not name axe.min.js (see .ci/axe-core.sh)");
        } else if (!present) {
            throw new IllegalStateException("HERALD_REQUIRE_BROWSER is set but HERALD_AXE_JS (" + named
                    + ") does not name a readable axe.min.js: HERALD_AXE_JS=\"$(.ci/axe-core.sh)\"");
        }
        try {
            return new Axe(Files.readString(Path.of(named)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serious and critical violations on the page shown now, one line each: impact, rule, help and targets. */
    @SuppressWarnings("unchecked")
    public List<String> seriousViolations(WebDriver driver) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (page.executeScript("return typeof axe").equals("undefined")) {
            page.executeScript(source);
        }
        return (List<String>) page.executeAsyncScript(RUN);
    }
}
