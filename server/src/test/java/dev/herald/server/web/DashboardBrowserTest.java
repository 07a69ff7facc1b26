package dev.herald.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.Browser;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/** The operator dashboard at {@code /} in headless Chromium. */
@Tag("browser")
@ResourceLock("chromium")
class DashboardBrowserTest {
    @RegisterExtension
    static final Browser browser = Browser.perClass();
    TestHerald server;

    @BeforeEach
    void start() {
        server = TestHerald.start(StoreKind.SQLITE);
    }

    @AfterEach
    void stop() {
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
    void operatorOpensACapturedRequestByteExactAndReplaysIt() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Api api = server.api();
            var source = api.post("/ingest/api/v1/source", Map.of("name", "Shop", "type", "generic-webhook")).json();
            String sourceId = source.get("id").asText();
            api.post("/ingest/api/v1/source/" + sourceId + "/endpoint", Map.of("url", receiver.url("/forwarded")));
            send(source.get("ingestUrl").asText() + "/orders", "{\"order\": \"<b>42</b>\"}".getBytes(UTF_8));
            receiver.await(1, Duration.ofSeconds(20));

            signIn(TestHerald.ADMIN_TOKEN);
            browser.control("Inbound").click();
            browser.control("Shop").click();
            browser.find(By.cssSelector("tr.capture a")).click();
            browser.awaitText("POST /orders");
            assertThat(browser.find(By.id("body-text")).getText()).isEqualTo("{\"order\": \"<b>42</b>\"}");
            browser.control("Replay").click();

            browser.awaitText("Replayed to the source's endpoints.");
            assertThat(receiver.await(2, Duration.ofSeconds(20)).get(1).bodyText()).contains("<b>42</b>");
        }
    }

    @Test
    void binaryBodyIsShownAsHex() throws Exception {
        Api api = server.api();
        var source = api.post("/ingest/api/v1/source", Map.of("name", "Raw", "type", "generic-webhook")).json();
        send(source.get("ingestUrl").asText(), new byte[] {0, 1, 2, (byte) 0xff, 'A', 'B'});

        signIn(TestHerald.ADMIN_TOKEN);
        browser.control("Inbound").click();
        browser.control("Raw").click();
        browser.find(By.cssSelector("tr.capture a")).click();

        assertThat(browser.find(By.id("body-hex")).getText()).startsWith("00000000  00 01 02 ff 41 42").endsWith("....AB");
    }

    private static void send(String url, byte[] body) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void endpointsAcrossApplicationsListDisabledAndFailingOnesFirst() throws Exception {
        Api api = server.api();
        try (Receiver failing = Receiver.start().answering(n -> Receiver.Answer.status(500));
             Receiver healthy = Receiver.start()) {
            String one = api.post("/api/v1/app", Map.of("name", "One")).json().get("id").asText();
            String two = api.post("/api/v1/app", Map.of("name", "Two")).json().get("id").asText();
            api.post("/api/v1/app/" + one + "/endpoint", Map.of("url", healthy.url("/fine")));
            api.post("/api/v1/app/" + two + "/endpoint", Map.of("url", failing.url("/broken")));
            api.post("/api/v1/app/" + one + "/endpoint", Map.of("url", "http://127.0.0.1:9/off", "disabled", true));
            for (String app : List.of(one, two)) {
                api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "a", "payload", Map.of()));
            }
            healthy.await(1, Duration.ofSeconds(20));
            failing.await(1, Duration.ofSeconds(20));
            browser.await(d -> api.get("/api/v1/app/" + two + "/attempt/endpoint/"
                    + api.get("/api/v1/app/" + two + "/endpoint").json().get("data").get(0).get("id").asText())
                    .json().get("data").size() > 0);

            signIn(TestHerald.ADMIN_TOKEN);
            browser.control("Endpoints").click();
            browser.await(d -> d.findElements(By.cssSelector("tr.endpoint-row")).size() == 3);

            List<String> order = browser.driver().findElements(By.cssSelector("tr.endpoint-row td.url")).stream()
                    .map(e -> e.getText().replaceAll(".*/", "")).toList();
            assertThat(order).containsExactly("off", "broken", "fine");
            browser.screenshot("dashboard-endpoints");
        }
    }

    @Test
    void operatorFiltersAnApplicationsMessagesOpensOneAndResendsIt() {
        Api api = server.api();
        try (Receiver receiver = Receiver.start()
                .answering(n -> new Receiver.Answer(200, "<b>thanks " + n + "</b>", Map.of(), Duration.ZERO))) {
            api.post("/api/v1/event-type", Map.of("name", "user.created", "description", "A user signed up"));
            api.post("/api/v1/event-type", Map.of("name", "order.paid", "description", "An order was paid"));
            api.post("/api/v1/app", Map.of("name", "Globex", "uid", "globex"));
            String app = api.post("/api/v1/app", Map.of("name", "Acme", "uid", "acme")).json().get("id").asText();
            api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/hook")));
            api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created", "payload", Map.of("user", "ada")));
            api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "order.paid",
                    "payload", Map.of("note", "<img src=x onerror=window.pwned=1>")));
            receiver.await(2, Duration.ofSeconds(20));

            signIn(TestHerald.ADMIN_TOKEN);
            browser.control("Messages").click();
            browser.find(By.xpath("//label[.='Search applications']/following-sibling::input")).sendKeys("acm");
            browser.await(d -> !d.findElement(By.xpath("//a[.='Globex']")).isDisplayed());
            browser.control("Acme").click();
            browser.await(d -> d.findElements(By.cssSelector("tr.message")).size() == 2);
            new Select(browser.find(By.xpath("//label[.='Event type']/following-sibling::select")))
                    .selectByVisibleText("order.paid");
            browser.control("Search").click();
            browser.await(d -> d.findElements(By.cssSelector("tr.message")).size() == 1);
            assertThat(browser.find(By.cssSelector("tr.message")).getText()).contains("order.paid")
                    .doesNotContain("user.created");
            browser.find(By.cssSelector("tr.message a")).click();

            assertThat(browser.find(By.id("payload")).getText())
                    .isEqualTo("{\n  \"note\": \"<img src=x onerror=window.pwned=1>\"\n}");
            assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
            assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.pwned")).isNull();
            browser.find(By.cssSelector("details.attempt summary")).click();
            assertThat(browser.find(By.cssSelector("details.attempt")).getText())
                    .contains("Succeeded", "200", receiver.url("/hook"), "<b>thanks ");
            assertThat(browser.find(By.cssSelector("tr.destination")).getText()).contains("Succeeded");

            browser.control("Resend").click();
            browser.awaitText("Resent: a new attempt is on its way.");
            receiver.await(3, Duration.ofSeconds(20));
            browser.await(d -> {
                d.navigate().refresh();
                return browser.find(By.cssSelector("tr.destination")) != null
                        && d.findElements(By.cssSelector("details.attempt[data-status='0']")).size() == 2;
            });
        }
    }

    @Test
    void messagesPageTurnsWithNextAndPreviousFromTheKeyboardNewestFirst() {
        Api api = server.api();
        String app = api.post("/api/v1/app", Map.of("name", "Busy")).json().get("id").asText();
        for (int i = 0; i < 25; i++) {
            api.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "tick", "payload", Map.of("n", i)));
        }
        List<String> newestFirst = new ArrayList<>();
        api.get("/api/v1/app/" + app + "/msg?limit=25").json().get("data")
                .forEach(m -> newestFirst.add(m.get("id").asText()));

        signIn(TestHerald.ADMIN_TOKEN);
        browser.control("Messages").click();
        browser.control("Busy").click();
        assertThat(shownMessages(20)).isEqualTo(newestFirst.subList(0, 20));
        assertThat(browser.control("Previous").isEnabled()).isFalse();

        browser.control("Next").sendKeys(Keys.ENTER);
        assertThat(shownMessages(5)).isEqualTo(newestFirst.subList(20, 25));
        assertThat(browser.control("Next").isEnabled()).isFalse();
        browser.await(d -> d.switchTo().activeElement().getText().equals("Previous"));

        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(shownMessages(20)).isEqualTo(newestFirst.subList(0, 20));
        browser.await(d -> d.switchTo().activeElement().getText().equals("Next"));

        browser.driver().manage().window().setSize(new Dimension(375, 740));
        browser.screenshot("dashboard-messages-phone");
        assertNoSidewaysScrolling();
        browser.find(By.cssSelector("tr.message a")).click();
        browser.find(By.id("payload"));
        browser.screenshot("dashboard-message-phone");
        assertNoSidewaysScrolling();
    }

    private void assertNoSidewaysScrolling() {
        assertThat(((JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .as("no sideways scrolling at phone width").isEqualTo(true);
    }

    /** The ids of the messages listed, once there are {@code count} of them. */
    private List<String> shownMessages(int count) {
        return browser.await(d -> {
            @SuppressWarnings("unchecked")
            var ids = (List<String>) ((JavascriptExecutor) d).executeScript(
                    "return [...document.querySelectorAll('tr.message code')].map(code => code.textContent)");
            return ids.size() == count ? ids : null;
        });
    }

    @Test
    void nodePageShowsHealthAndBacklog() {
        signIn(TestHerald.ADMIN_TOKEN);
        browser.control("Node").click();

        browser.awaitText("Up: the store and the dispatcher are running.");
        assertThat(browser.find(By.cssSelector("[data-metric='herald_delivery_due']")).getText()).matches("[0-9.]+");
    }

    @Test
    void operatorArchivesAnEventType() {
        server.api().post("/api/v1/event-type", Map.of("name", "old.thing", "description", "legacy"));
        signIn(TestHerald.ADMIN_TOKEN);
        browser.control("Event types").click();
        browser.find(By.cssSelector("details.event-type summary")).click();
        browser.control("Archive").click();

        browser.awaitText("Archived");
        assertThat(server.api().get("/api/v1/event-type/old.thing").json().get("archived").asBoolean()).isTrue();
    }
}
