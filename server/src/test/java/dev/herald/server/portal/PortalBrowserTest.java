package dev.herald.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.Browser;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The app portal in headless Chromium, used the way a producer's customer uses it. */
@Tag("browser")
class PortalBrowserTest {
    private static final Map<String, Object> SCHEMA = Map.of("1", Map.of("type", "object",
            "examples", List.of(Map.of("user", "ada", "note", "<b>bold</b>"))));

    MutableClock clock;
    TestHerald server;
    Browser browser;
    Receiver receiver;
    Api admin;
    String app;

    @BeforeEach
    void start() {
        browser = Browser.open();
        clock = new MutableClock(Instant.now());
        server = TestHerald.start(StoreKind.SQLITE, Map.of(), clock);
        receiver = Receiver.start();
        admin = server.api();
        admin.post("/api/v1/event-type", Map.of("name", "user.created", "description", "A user signed up",
                "schemas", SCHEMA));
        app = admin.post("/api/v1/app", Map.of("name", "Acme")).json().get("id").asText();
    }

    @AfterEach
    void stop() {
        browser.close();
        receiver.close();
        server.close();
    }

    private String accessLink(String appId, Object capabilities) {
        Map<String, Object> request = capabilities == null ? Map.of() : Map.of("capabilities", capabilities);
        return admin.post("/api/v1/auth/app-portal-access/" + appId, request).json().get("url").asText();
    }

    private String endpoint(String appId, Map<String, Object> fields) {
        return admin.post("/api/v1/app/" + appId + "/endpoint", fields).json().get("id").asText();
    }

    @Test
    void consumerAddsAnEndpointSendsAnExampleSeesItSucceedResendsItAndRotatesTheSecret() {
        browser.go(accessLink(app, null)).awaitText("Endpoints");
        browser.control("Add endpoint").click();
        browser.find(By.cssSelector("input[type=url]")).sendKeys(receiver.url("/hook"));
        browser.find(By.cssSelector("input[type=checkbox][value='user.created']")).click();
        browser.control("Create").click();

        browser.awaitText("Signing secret");
        new Select(browser.find(By.xpath("//label[.='Event type']/following-sibling::select"))).selectByValue("user.created");
        browser.control("Send example").click();
        receiver.await(1, Duration.ofSeconds(20));
        browser.await(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("tr.attempt[data-status='0']")).isEmpty();
        });
        browser.find(By.cssSelector("tr.attempt[data-status='0'] a")).click();
        browser.awaitText("Response code");
        assertThat(browser.find(By.id("response-code")).getText()).isEqualTo("200");
        assertThat(browser.text()).contains("\"user\": \"ada\"");

        browser.control("Resend").click();
        browser.awaitText("Resent");
        assertThat(receiver.await(2, Duration.ofSeconds(20))).hasSize(2);

        browser.control("← Back to the endpoint").click();
        browser.control("Reveal").click();
        String before = browser.await(d -> textStartingWith(d.findElement(By.id("secret")), "whsec_"));
        browser.control("Rotate").click();
        browser.driver().switchTo().alert().accept();
        browser.awaitText("Secret rotated.");
        String after = browser.await(d -> {
            String shown = textStartingWith(d.findElement(By.id("secret")), "whsec_");
            return shown != null && !shown.equals(before) ? shown : null;
        });
        String endpointId = admin.get("/api/v1/app/" + app + "/endpoint").json().get("data").get(0).get("id").asText();
        assertThat(admin.get("/api/v1/app/" + app + "/endpoint/" + endpointId + "/secret").json().get("key").asText())
                .isEqualTo(after);
    }

    private static String textStartingWith(WebElement element, String prefix) {
        String text = element.getText();
        return text.startsWith(prefix) ? text : null;
    }
}
