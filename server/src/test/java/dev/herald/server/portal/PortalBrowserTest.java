package dev.herald.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The app portal in headless Chromium, used the way a producer's customer uses it. */
@Tag("browser")
@ResourceLock("chromium")
class PortalBrowserTest extends PortalBrowserFixture {
    @Test
    void consumerAddsAnEndpointSendsAnExampleSeesItSucceedResendsItAndRotatesTheSecret() {
        browser.go(accessLink(app, null)).awaitText("Endpoints");
        browser.control("Add endpoint").click();
        browser.find(By.cssSelector("input[type=url]")).sendKeys(receiver.url("/hook"));
        browser.find(By.cssSelector("input[type=checkbox][value='user.created']")).click();
        browser.screenshot("portal-new-endpoint");
        browser.control("Create").click();

        browser.awaitText("Signing secret");
        new Select(browser.find(By.xpath("//label[.='Event type']/following-sibling::select"))).selectByValue("user.created");
        browser.control("Send example").click();
        receiver.await(1, Duration.ofSeconds(20));
        browser.refreshUntil(By.cssSelector("tr.attempt[data-status='0']"));
        browser.screenshot("portal-endpoint");
        browser.find(By.cssSelector("tr.attempt[data-status='0'] a")).click();
        browser.awaitText("Response code");
        browser.screenshot("portal-attempt");
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

    @Test
    void anotherApplicationsDataNeverAppears() {
        String other = admin.post("/api/v1/app", Map.of("name", "Globex")).json().get("id").asText();
        endpoint(app, Map.of("url", "http://127.0.0.1:9/acme-hook"));
        String theirs = endpoint(other, Map.of("url", "http://127.0.0.1:9/globex-hook"));
        admin.post("/api/v1/app/" + other + "/msg", Map.of("eventType", "user.created",
                "payload", Map.of("secret", "globex-only")));

        browser.go(accessLink(app, null)).awaitText("acme-hook");
        assertThat(browser.text()).doesNotContain("globex-hook");
        browser.control("Messages").click();
        browser.awaitText("No messages.");
        assertThat(browser.text()).doesNotContain("globex-only");
        browser.go(browser.driver().getCurrentUrl().replaceAll("#.*", "#/endpoint/" + theirs));
        browser.find(By.cssSelector(".notice.error"));
        assertThat(browser.text()).doesNotContain("globex-hook");
    }

    @Test
    void expiredLinkShowsAClearMessage() {
        String url = admin.post("/api/v1/auth/app-portal-access/" + app, Map.of("expiry", 3600))
                .json().get("url").asText();
        clock.advance(Duration.ofHours(2));

        browser.go(url).awaitText("This link has expired or was revoked");
    }

    @Test
    void revokedLinkShowsAClearMessageEvenOnAnOpenPage() {
        browser.go(accessLink(app, null)).awaitText("No endpoints yet.");

        admin.post("/api/v1/auth/app/" + app + "/expire-all", Map.of());
        browser.control("Event catalogue").click();

        browser.awaitText("This link has expired or was revoked");
        assertThat(browser.text()).doesNotContain("user.created");
    }

    @Test
    void signingOutEndsTheLinksToken() {
        var link = admin.post("/api/v1/auth/app-portal-access/" + app, Map.of()).json();
        browser.go(link.get("url").asText()).awaitText("No endpoints yet.");

        browser.control("Sign out").click();

        browser.awaitText("You are signed out");
        assertThat(server.api().withToken(link.get("token").asText()).get("/api/v1/app/" + app).status())
                .isEqualTo(401);
    }

    @Test
    void viewBaseLinkShowsNoCreateOrEditControlsAndNoSecret() {
        String endpointId = endpoint(app, Map.of("url", receiver.url("/hook")));
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created", "payload", Map.of("n", 1)));
        receiver.await(1, Duration.ofSeconds(20));

        browser.go(accessLink(app, List.of("ViewBase"))).awaitText("hook");
        assertThat(browser.hasControl("Add endpoint")).isFalse();
        browser.find(By.linkText(receiver.url("/hook"))).click();
        browser.awaitText("Attempts");
        browser.refreshUntil(By.cssSelector("tr.attempt a"));
        assertThat(browser.text()).doesNotContain("Signing secret").doesNotContain("Send example");
        for (String control : List.of("Edit", "Disable", "Delete", "Reveal", "Rotate", "Set header", "Recover failed")) {
            assertThat(browser.hasControl(control)).as(control).isFalse();
        }
        browser.find(By.cssSelector("tr.attempt a")).click();
        browser.awaitText("Response code");
        assertThat(browser.hasControl("Resend")).isFalse();
        assertThat(browser.driver().getCurrentUrl()).contains(endpointId);
    }

    @Test
    void htmlInNamesDescriptionsAndPayloadsRendersAsTextAndRunsNoScript() {
        String marked = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        admin.patch("/api/v1/app/" + app, Map.of("name", "Acme " + marked));
        admin.post("/api/v1/event-type", Map.of("name", "html.test", "description", "type " + marked));
        endpoint(app, Map.of("url", "http://127.0.0.1:9/hook", "description", "endpoint " + marked));
        admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "html.test",
                "payload", Map.of("note", "payload " + marked)));

        browser.go(accessLink(app, null)).awaitText("endpoint <img");
        assertThat(browser.text()).contains("Acme " + marked, "endpoint " + marked);
        browser.control("Event catalogue").click();
        browser.awaitText("type <img");
        browser.control("Messages").click();
        browser.find(By.cssSelector("details.message summary")).click();
        browser.awaitText("payload <img");

        assertThat(browser.driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(script("return window.pwned")).isNull();
    }

    @Test
    void portalFitsAPhoneScreenAndAddsAnEndpointByKeyboardAlone() {
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(375, 740));
        browser.go(accessLink(app, null)).awaitText("No endpoints yet.");
        assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);

        tabTo(browser.control("Add endpoint"));
        keys().sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        tabTo(browser.find(By.cssSelector("input[type=url]")));
        keys().sendKeys(receiver.url("/by-keyboard")).sendKeys(org.openqa.selenium.Keys.ENTER).perform();

        browser.awaitText("Signing secret");
        assertThat(browser.text()).contains("/by-keyboard");
        browser.screenshot("portal-phone");
        assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
    }

    @Test
    void themeFromTheLinkNamesColoursAndDarkensThePortal() {
        browser.go(accessLink(app, null) + "&name=Globex%20Hooks&primaryColor=%23ff6600&theme=dark")
                .awaitText("Globex Hooks");

        assertThat(script("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(script("return getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()"))
                .isEqualTo("#ff6600");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("appsk_");
    }

}
