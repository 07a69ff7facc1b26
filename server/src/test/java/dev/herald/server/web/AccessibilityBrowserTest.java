package dev.herald.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.Axe;
import dev.herald.server.testing.Browser;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core finds no serious or critical violation on any view of the app portal or the operator dashboard, each
 * shown with data in it. Every failing page is reported at once, with axe's rule, impact and targets.
 */
@Tag("browser")
@ResourceLock("chromium")
class AccessibilityBrowserTest {
    private static final Map<String, Object> SCHEMA = Map.of("1", Map.of("type", "object",
            "examples", List.of(Map.of("user", "ada"))));

    static Axe axe;
    @RegisterExtension
    static final Browser browser = Browser.perClass();
    TestHerald server;
    Receiver receiver;
    Api admin;
    final Map<String, List<String>> violations = new LinkedHashMap<>();

    @BeforeAll
    static void loadAxe() {
        axe = Axe.load();
    }

    @BeforeEach
    void start() {
        server = TestHerald.start(StoreKind.SQLITE);
        receiver = Receiver.start();
        admin = server.api();
        admin.post("/api/v1/event-type", Map.of("name", "user.created", "description", "A user signed up",
                "schemas", SCHEMA));
    }

    @AfterEach
    void stop() {
        receiver.close();
        server.close();
    }

    @Test
    void everyPortalViewHasNoSeriousOrCriticalViolation() {
        String app = admin.post("/api/v1/app", Map.of("name", "Acme")).json().get("id").asText();
        String endpoint = admin.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/hook"),
                "description", "Orders")).json().get("id").asText();
        String message = admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created",
                "payload", Map.of("user", "ada"))).json().get("id").asText();
        receiver.await(1, Duration.ofSeconds(20));
        String attempt = browser.await(d -> {
            var attempts = admin.get("/api/v1/app/" + app + "/attempt/endpoint/" + endpoint).json().get("data");
            return attempts.isEmpty() ? null : attempts.get(0).get("id").asText();
        });

        load(link(app, null)).awaitText("Orders");
        check("portal endpoints", "Endpoints");
        String portal = browser.driver().getCurrentUrl().replaceAll("#.*", "");
        browser.go(portal + "#/endpoints/new");
        check("portal new endpoint", "Add endpoint");
        browser.go(portal + "#/endpoint/" + endpoint);
        browser.find(By.cssSelector("tr.attempt"));
        check("portal endpoint", receiver.url("/hook"));
        browser.go(portal + "#/endpoint/" + endpoint + "/edit");
        check("portal edit endpoint", "Edit endpoint");
        browser.go(portal + "#/endpoint/" + endpoint + "/attempt/" + message + "/" + attempt);
        check("portal attempt", "Attempt");
        browser.go(portal + "#/catalogue");
        check("portal catalogue", "Event catalogue");
        browser.go(portal + "#/messages");
        browser.find(By.cssSelector("details.message summary")).click();
        check("portal messages", "Messages");
        load(link(app, null) + "&theme=dark").awaitText("Orders");
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.dataset.theme"))
                .isEqualTo("dark");
        check("portal endpoints, dark", "Endpoints");
        browser.go(portal + "#/endpoint/" + endpoint);
        browser.find(By.cssSelector("tr.attempt"));
        check("portal endpoint, dark", receiver.url("/hook"));
        load(link(app, null) + "&theme=light&primaryColor=%23ffcc00").awaitText("Orders");
        check("portal endpoints, a light primary colour", "Endpoints");
        browser.go(portal + "#/endpoint/" + endpoint);
        browser.find(By.cssSelector("tr.attempt"));
        check("portal endpoint, a light primary colour", receiver.url("/hook"));
        browser.driver().manage().window().setSize(new Dimension(375, 740));
        load(link(app, List.of("ViewBase")) + "&theme=light").awaitText("Orders");
        browser.go(portal + "#/endpoint/" + endpoint);
        browser.find(By.cssSelector("tr.attempt"));
        check("portal endpoint, read-only link, phone width", receiver.url("/hook"));
        ((JavascriptExecutor) browser.driver()).executeScript("sessionStorage.clear()");
        load(portal);
        check("portal without a link", "An access link is needed");

        String revoked = link(app, null);
        admin.post("/api/v1/auth/app/" + app + "/expire-all", Map.of());
        load(revoked);
        check("portal expired link", "This link has expired or was revoked");

        assertThat(violations).as("serious or critical axe violations, by page").isEmpty();
    }

    @Test
    void everyDashboardViewHasNoSeriousOrCriticalViolation() throws Exception {
        String app = admin.post("/api/v1/app", Map.of("name", "Acme")).json().get("id").asText();
        admin.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/hook")));
        String message = admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created",
                "payload", Map.of("user", "ada"))).json().get("id").asText();
        browser.await(d -> !admin.get("/api/v1/app/" + app + "/attempt/msg/" + message).json().get("data").isEmpty());
        var source = admin.post("/ingest/api/v1/source", Map.of("name", "Shop", "type", "generic-webhook")).json();
        String sourceId = source.get("id").asText();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(source.get("ingestUrl").asText() + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\": 42}", UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding());

        String base = server.baseUrl() + "/";
        browser.go(base);
        check("dashboard sign-in", "Sign in");
        browser.find(By.cssSelector("input[type=password]")).sendKeys("not-the-token");
        browser.control("Sign in").click();
        browser.awaitText("That token is not valid.");
        check("dashboard sign-in, refused", "Sign in");
        browser.find(By.cssSelector("input[type=password]")).sendKeys(TestHerald.ADMIN_TOKEN);
        browser.control("Sign in").click();

        check("dashboard applications", "Applications");
        browser.control("Make access link").click();
        browser.awaitText("Access link (valid 7 days)");
        check("dashboard applications, with a link", "Applications");
        browser.go(base + "#/event-types");
        browser.find(By.cssSelector("details.event-type summary")).click();
        browser.control("Edit").click();
        check("dashboard event types", "Event types");
        browser.go(base + "#/endpoints");
        check("dashboard endpoints", "Endpoints");
        browser.go(base + "#/messages");
        check("dashboard messages, pick an application", "Messages");
        checkMessageViews(base, app, message, "");
        browser.go(base + "#/sources");
        check("dashboard inbound sources", "Inbound sources");
        browser.go(base + "#/source/" + sourceId);
        browser.find(By.cssSelector("tr.capture a")).click();
        check("dashboard captured request", "POST /orders");
        browser.go(base + "#/source/" + sourceId);
        check("dashboard inbound source", "Shop");
        browser.go(base + "#/node");
        check("dashboard node", "This node");
        browser.driver().manage().window().setSize(new Dimension(375, 740));
        browser.go(base + "#/apps");
        check("dashboard applications, phone width", "Applications");
        checkMessageViews(base, app, message, ", phone width");

        assertThat(violations).as("serious or critical axe violations, by page").isEmpty();
    }

    @Test
    void axeRunsUnderThePagesScriptPolicyAndReportsAnUnlabelledControl() {
        browser.go(server.baseUrl() + "/");
        check("dashboard sign-in", "Sign in");
        var page = (JavascriptExecutor) browser.driver();
        page.executeScript("""
                const inline = document.createElement('script');
                inline.textContent = 'window.inlineRan = true';
                document.body.append(inline);
                document.querySelector('main').append(document.createElement('input'));
                """);

        assertThat(page.executeScript("return window.inlineRan")).as("inline script under the CSP").isNull();
        assertThat(axe.seriousViolations(browser.driver())).anyMatch(found -> found.startsWith("critical label "));
    }

    /** Application {@code app}'s messages (one of them, Acme's {@code message}, delivered), then that message. */
    private void checkMessageViews(String base, String app, String message, String suffix) {
        browser.go(base + "#/messages/" + app);
        browser.find(By.cssSelector("tr.message"));
        check("dashboard messages" + suffix, "Messages of Acme");
        browser.go(base + "#/messages/" + app + "/" + message);
        browser.find(By.cssSelector("details.attempt summary")).click();
        check("dashboard message" + suffix, "user.created");
    }

    /** Loads the page afresh, even when only the fragment differs from the page shown. */
    private Browser load(String url) {
        return browser.go("about:blank").go(url);
    }

    private String link(String app, List<String> capabilities) {
        Map<String, Object> request = capabilities == null ? Map.of() : Map.of("capabilities", capabilities);
        return admin.post("/api/v1/auth/app-portal-access/" + app, request).json().get("url").asText();
    }

    /** Once the page's first heading reads {@code heading}, runs axe and keeps what it finds under {@code page}. */
    private void check(String page, String heading) {
        browser.await(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('main h1')].some(h1 => h1.textContent === arguments[0])",
                heading));
        List<String> found = axe.seriousViolations(browser.driver());
        if (!found.isEmpty()) {
            violations.put(page, found);
        }
    }
}
