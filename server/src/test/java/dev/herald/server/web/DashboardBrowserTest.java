package dev.herald.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Browser;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The operator dashboard at {@code /} in headless Chromium. */
@Tag("browser")
class DashboardBrowserTest {
    Browser browser;
    TestHerald server;

    @BeforeEach
    void start() {
        browser = Browser.open();
        server = TestHerald.start(StoreKind.SQLITE);
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    private void signIn(String token) {
        browser.go(server.baseUrl() + "/");
        browser.find(By.cssSelector("input[type=password]")).sendKeys(token);
        browser.control("Sign in").click();
    }

    @Test
    void wrongTokenIsRefusedAndTheRightOneNeverEntersTheUrl() {
        signIn("not-the-token");
        browser.awaitText("That token is not valid.");

        browser.find(By.cssSelector("input[type=password]")).sendKeys(TestHerald.ADMIN_TOKEN);
        browser.control("Sign in").click();
        browser.awaitText("Create application");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(TestHerald.ADMIN_TOKEN);
    }

    @Test
    void operatorCreatesAnApplicationAndAnEventTypeAndOpensTheApplicationsPortal() {
        signIn(TestHerald.ADMIN_TOKEN);
        browser.find(By.xpath("//label[.='Name']/following-sibling::input")).sendKeys("Initech");
        browser.find(By.xpath("//label[.='Uid (optional)']/following-sibling::input")).sendKeys("initech");
        browser.control("Create application").click();
        browser.awaitText("initech");
        assertThat(server.api().get("/api/v1/app/initech").json().get("name").asText()).isEqualTo("Initech");

        browser.control("Event types").click();
        browser.awaitText("New event type");
        browser.find(By.xpath("//label[.='Name']/following-sibling::input")).sendKeys("invoice.paid");
        browser.find(By.xpath("//label[.='Description']/following-sibling::input")).sendKeys("An invoice was paid");
        browser.find(By.tagName("textarea")).sendKeys("{\"type\": \"object\", \"examples\": [{\"amount\": 5}]}");
        browser.control("Create event type").click();
        browser.awaitText("An invoice was paid");
        assertThat(server.api().get("/api/v1/event-type/invoice.paid").json().get("schemas").get("1")
                .get("examples").get(0).get("amount").asInt()).isEqualTo(5);

        browser.control("Applications").click();
        browser.awaitText("Initech");
        List<String> before = new ArrayList<>(browser.driver().getWindowHandles());
        browser.control("Open portal").click();
        String portal = browser.await(d -> d.getWindowHandles().stream().filter(w -> !before.contains(w))
                .findFirst().orElse(null));
        browser.driver().switchTo().window(portal);
        browser.awaitText("No endpoints yet.");
        assertThat(browser.text()).contains("Initech");
    }

    @Test
    void operatorArchivesAnEventType() {
        server.api().post("/api/v1/event-type", java.util.Map.of("name", "old.thing", "description", "legacy"));
        signIn(TestHerald.ADMIN_TOKEN);
        browser.control("Event types").click();
        browser.find(By.cssSelector("details.event-type summary")).click();
        browser.control("Archive").click();

        browser.awaitText("Archived");
        assertThat(server.api().get("/api/v1/event-type/old.thing").json().get("archived").asBoolean()).isTrue();
    }
}
