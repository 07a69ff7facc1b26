package dev.herald.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Managing endpoints and finding deliveries in the portal, and showing it inside another site's iframe. */
@ResourceLock("chromium")
class PortalManagementBrowserTest extends PortalBrowserFixture {

    @Test
    void consumerEditsDisablesEnablesAndDeletesAnEndpoint() {
        String id = endpoint(app, Map.of("url", "http://127.0.0.1:9/old", "description", "first"));
        browser.go(accessLink(app, null)).awaitText("/old");
        browser.find(By.linkText("http://127.0.0.1:9/old")).click();
        browser.control("Edit").click();

        var url = browser.find(By.cssSelector("input[type=url]"));
        url.clear();
        url.sendKeys("http://127.0.0.1:9/new");
        browser.find(By.xpath("//label[.='Channels']/following-sibling::input")).sendKeys("eu, us");
        browser.find(By.cssSelector("input[type=number]")).sendKeys("25");
        browser.control("Save").click();
        browser.awaitText("25 / s");

        Map<String, Object> saved = Map.of("url", "http://127.0.0.1:9/new", "channels", List.of("eu", "us"),
                "throttleRate", 25, "description", "first");
        var stored = admin.get("/api/v1/app/" + app + "/endpoint/" + id).json();
        saved.forEach((field, value) -> assertThat(stored.get(field).toString()).as(field)
                .isEqualTo(dev.herald.server.core.Json.writeString(value)));

        browser.control("Disable").click();
        browser.control("Enable"); // the page shows it once the endpoint is disabled
        assertThat(admin.get("/api/v1/app/" + app + "/endpoint/" + id).json().get("disabled").asBoolean()).isTrue();
        browser.control("Enable").click();
        browser.control("Disable");
        assertThat(admin.get("/api/v1/app/" + app + "/endpoint/" + id).json().get("disabled").asBoolean()).isFalse();
        browser.control("Delete").click();
        browser.driver().switchTo().alert().accept();
        browser.awaitText("No endpoints yet.");
        assertThat(admin.get("/api/v1/app/" + app + "/endpoint/" + id).status()).isEqualTo(404);
    }

    @Test
    void longListsLoadOnePageAtATime() {
        for (int i = 0; i < 25; i++) {
            endpoint(app, Map.of("url", "http://127.0.0.1:9/hook-" + i));
        }
        browser.go(accessLink(app, null)).awaitText("hook-");
        assertThat(browser.driver().findElements(By.cssSelector("a.url"))).hasSize(20);

        browser.control("Load more").click();

        browser.await(d -> d.findElements(By.cssSelector("a.url")).size() == 25);
        assertThat(browser.driver().findElement(By.cssSelector("button.more")).isDisplayed()).isFalse();
    }

    @Test
    void consumerSetsACustomHeaderThatDeliveriesCarry() {
        String id = endpoint(app, Map.of("url", receiver.url("/hook")));
        browser.go(accessLink(app, null)).awaitText("/hook");
        browser.go(browser.driver().getCurrentUrl().replaceAll("#.*", "#/endpoint/" + id)).awaitText("Custom headers");

        browser.find(By.xpath("//label[.='Header']/following-sibling::input")).sendKeys("X-Tenant");
        browser.find(By.xpath("//label[starts-with(., 'Value')]/following-sibling::input")).sendKeys("acme-1");
        browser.control("Set header").click();
        browser.awaitText("acme-1");
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created", "payload", Map.of()));

        assertThat(receiver.await(1, Duration.ofSeconds(20)).get(0).header("X-Tenant")).isEqualTo("acme-1");
    }

    @Test
    void attemptsFilterByStatusAndEventTypeAndFailuresAreRecoveredSinceADate() {
        receiver.answering(n -> n == 0 ? Receiver.Answer.status(500) : Receiver.Answer.status(200));
        admin.post("/api/v1/event-type", Map.of("name", "order.paid", "description", "paid"));
        String id = endpoint(app, Map.of("url", receiver.url("/hook")));
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created", "payload", Map.of("n", 1)));
        receiver.await(1, Duration.ofSeconds(20));
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "order.paid", "payload", Map.of("n", 2)));
        receiver.await(2, Duration.ofSeconds(20));
        browser.go(accessLink(app, null)).awaitText("/hook");
        browser.find(By.linkText(receiver.url("/hook"))).click();
        browser.refreshUntil(By.cssSelector("tr.attempt + tr.attempt"));

        new Select(browser.find(By.xpath("//form[.//button[.='Filter']]//label[.='Status']/following-sibling::select")))
                .selectByVisibleText("Failed");
        browser.control("Filter").click();
        browser.await(d -> d.findElements(By.cssSelector("tr.attempt")).size() == 1);
        assertThat(browser.find(By.cssSelector("tr.attempt")).getText()).contains("user.created", "500");

        new Select(browser.find(By.xpath("//form[.//button[.='Filter']]//label[.='Status']/following-sibling::select")))
                .selectByVisibleText("Any");
        new Select(browser.find(By.xpath("//form[.//button[.='Filter']]//label[.='Event type']/following-sibling::select")))
                .selectByValue("order.paid");
        browser.control("Filter").click();
        browser.await(d -> d.findElements(By.cssSelector("tr.attempt")).size() == 1
                && d.findElement(By.cssSelector("tr.attempt")).getText().contains("order.paid"));

        setSince(java.time.LocalDateTime.now().minusHours(1));
        browser.control("Recover failed").click();
        browser.awaitText("Recovering failed messages.");
        List<Receiver.Received> all = receiver.await(3, Duration.ofSeconds(20));
        assertThat(all.get(2).bodyText()).contains("\"n\":1");
    }

    @Test
    void messagesSentBeforeTheEndpointExistedAreReplayedToIt() {
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created", "payload", Map.of("early", 1)));
        String id = endpoint(app, Map.of("url", receiver.url("/late")));
        browser.go(accessLink(app, null)).awaitText("/late");
        browser.go(browser.driver().getCurrentUrl().replaceAll("#.*", "#/endpoint/" + id)).awaitText("Replay missing");

        setSince(java.time.LocalDateTime.now().minusHours(1));
        browser.control("Replay missing").click();

        browser.awaitText("Replaying missing messages.");
        assertThat(receiver.await(1, Duration.ofSeconds(20)).get(0).bodyText()).contains("\"early\":1");
    }

    @Test
    void messagesAreFoundByEventTypeChannelAndTag() {
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created", "payload", Map.of("who", "alpha"),
                "channels", List.of("eu"), "tags", List.of("vip")));
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created", "payload", Map.of("who", "beta"),
                "channels", List.of("us")));
        browser.go(accessLink(app, null)).awaitText("Endpoints");
        browser.control("Messages").click();
        browser.await(d -> d.findElements(By.cssSelector("details.message")).size() == 2);

        browser.find(By.xpath("//label[.='Channel']/following-sibling::input")).sendKeys("eu");
        browser.control("Search").click();
        browser.await(d -> d.findElements(By.cssSelector("details.message")).size() == 1);
        browser.find(By.cssSelector("details.message summary")).click();
        assertThat(browser.text()).contains("alpha").doesNotContain("beta");

        browser.find(By.xpath("//label[.='Channel']/following-sibling::input")).clear();
        browser.find(By.xpath("//label[.='Tag']/following-sibling::input")).sendKeys("none-such");
        browser.control("Search").click();
        browser.awaitText("No messages.");
    }

    @Test
    void catalogueShowsEachTypesSchemaAndExample() {
        browser.go(accessLink(app, null)).awaitText("Endpoints");
        browser.control("Event catalogue").click();
        browser.find(By.cssSelector("details.card summary")).click();

        browser.awaitText("A user signed up");
        assertThat(browser.text()).contains("Schema", "\"type\": \"object\"", "Example", "\"user\": \"ada\"");
    }

    @Test
    void portalShowsInsideAnIframeOnlyOnTheOriginsAllowed() {
        try (Receiver site = Receiver.start()) {
            String origin = site.url("").replaceAll("/$", "");
            try (TestHerald allowing = TestHerald.start(StoreKind.SQLITE,
                    Map.of(Setting.PORTAL_FRAME_ANCESTORS, origin))) {
                String framed = allowing.api().post("/api/v1/app", Map.of("name", "Framed")).json().get("id").asText();
                serveFrame(site, allowing.api().post("/api/v1/auth/app-portal-access/" + framed, Map.of()).json()
                        .get("url").asText());

                browser.go(site.url("/page"));
                browser.driver().switchTo().frame(browser.find(By.tagName("iframe")));
                browser.awaitText("Framed");
            }

            browser.driver().switchTo().defaultContent();
            serveFrame(site, accessLink(app, null)); // this test's own server allows no other origin
            browser.go(site.url("/other-page"));
            browser.driver().switchTo().frame(browser.find(By.tagName("iframe")));
            browser.await(d -> script("return location.href").toString().startsWith("chrome-error:"));
            assertThat(browser.text()).doesNotContain("Acme");
        }
    }

    /** Fills the "Since" date of the endpoint page's recovery form. */
    private void setSince(java.time.LocalDateTime since) {
        var input = browser.find(By.xpath("//label[.='Since']/following-sibling::input"));
        script("arguments[0].value = '" + since.withNano(0).toString().substring(0, 16) + "'", input);
    }

    /** The producer's own page: nothing but the portal in an iframe. */
    private static void serveFrame(Receiver site, String portalUrl) {
        site.answering(n -> new Receiver.Answer(200, "<!doctype html><title>Producer</title>"
                + "<iframe title=\"Webhooks\" src=\"" + portalUrl + "\"></iframe>",
                Map.of("Content-Type", "text/html"), Duration.ZERO));
    }
}
