package dev.herald.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.Browser;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.WebElement;

/**
 * What every portal browser test starts from: headless Chromium, a server on SQLite with a clock the test moves, a
 * receiver for deliveries (no retries), the event type {@code user.created} with an example, and the application "Acme".
 */
@Tag("browser")
@ResourceLock("chromium")
abstract class PortalBrowserFixture {
    private static final Map<String, Object> SCHEMA = Map.of("1", Map.of("type", "object",
            "examples", List.of(Map.of("user", "ada", "note", "<b>bold</b>"))));

    MutableClock clock;
    TestHerald server;
    @RegisterExtension
    static final Browser browser = Browser.perClass();
    Receiver receiver;
    Api admin;
    String app;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now());
        // no retries: a failure is final at once, and every delivery a test sees is one it asked for
        server = TestHerald.start(StoreKind.SQLITE, Map.of(Setting.RETRY_SCHEDULE, ""), clock);
        receiver = Receiver.start();
        admin = server.api();
        admin.post("/api/v1/event-type", Map.of("name", "user.created", "description", "A user signed up",
                "schemas", SCHEMA));
        app = admin.post("/api/v1/app", Map.of("name", "Acme")).json().get("id").asText();
    }

    @AfterEach
    void stop() {
        receiver.close();
        server.close();
    }

    String accessLink(String appId, Object capabilities) {
        Map<String, Object> request = capabilities == null ? Map.of() : Map.of("capabilities", capabilities);
        return admin.post("/api/v1/auth/app-portal-access/" + appId, request).json().get("url").asText();
    }

    String endpoint(String appId, Map<String, Object> fields) {
        return admin.post("/api/v1/app/" + appId + "/endpoint", fields).json().get("id").asText();
    }

    org.openqa.selenium.interactions.Actions keys() {
        return new org.openqa.selenium.interactions.Actions(browser.driver());
    }

    /** Presses Tab until the element has the focus (at most 50 times). */
    void tabTo(WebElement target) {
        for (int presses = 0; !target.equals(browser.driver().switchTo().activeElement()); presses++) {
            assertThat(presses).as("Tab presses to reach " + target.getText()).isLessThan(50);
            keys().sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
    }

    Object script(String javascript, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(javascript, arguments);
    }

    static String textStartingWith(WebElement element, String prefix) {
        String text = element.getText();
        return text.startsWith(prefix) ? text : null;
    }
}
