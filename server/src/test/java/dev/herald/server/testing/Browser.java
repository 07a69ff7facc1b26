package dev.herald.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromium-driver, for tests that use the pages as a person would.
 * Nothing is downloaded: without those two programs the test is skipped, unless {@code HERALD_REQUIRE_BROWSER} is
 * set (CI sets it), in which case it fails.
 *
 * <p>Starting Chromium takes a while, so a test class shares one among its tests: {@code @RegisterExtension static
 * final Browser browser = Browser.perClass();} opens it before the first test, gives each test a fresh tab and
 * quits it after the last.
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Dimension WINDOW = new Dimension(1200, 900);

    private ChromeDriver driver;

    private Browser() {
    }

    public static Browser perClass() {
        return new Browser();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        driver = open();
    }

    /**
     * Leaves the browser as a newly opened one for the next test: a single new tab, so that no page's
     * sessionStorage (where the dashboard and the portal keep their token) carries over, at the first window size.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        for (String window : driver.getWindowHandles()) {
            if (!window.equals(fresh)) {
                driver.switchTo().window(window).close();
            }
        }
        driver.switchTo().window(fresh);
        driver.manage().window().setSize(WINDOW);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    private static ChromeDriver open() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("HERALD_REQUIRE_BROWSER") == null) {
            Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        } else if (!present) {
            throw new IllegalStateException("HERALD_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + DRIVER
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=" + WINDOW.width + "," + WINDOW.height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String url) {
        driver.get(url);
        return this;
    }

    /** Waits (generously) until the condition holds, and returns its value. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    /** The first element matching, once it is there. */
    public WebElement find(By by) {
        return await(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /**
     * Reloads the page until an element matching appears (for what the server does in the background, such as an
     * attempt being recorded): each load gets a few seconds to render before the next.
     */
    public WebElement refreshUntil(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> {
            d.navigate().refresh();
            try {
                return new WebDriverWait(d, Duration.ofSeconds(5))
                        .until(page -> page.findElements(by).stream().findFirst().orElse(null));
            } catch (org.openqa.selenium.TimeoutException notYet) {
                return null;
            }
        });
    }

    /** The button or link with exactly this text, once it is there and shown. */
    public WebElement control(String text) {
        By by = By.xpath("//*[self::button or self::a][normalize-space(.)='" + text + "']");
        return await(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public boolean hasControl(String text) {
        return !driver.findElements(By.xpath("//*[self::button or self::a][normalize-space(.)='" + text + "']"))
                .isEmpty();
    }

    /** Waits until the page shows this text somewhere. */
    public void awaitText(String text) {
        await(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * With {@code -Dherald.screenshots=DIR} (the README's are taken with {@code ../docs/screenshots}), saves what
     * the page looks like now as {@code DIR/name.png}; without it, does nothing.
     */
    public void screenshot(String name) {
        String dir = System.getProperty("herald.screenshots");
        if (dir != null) {
            screenshot(Path.of(dir, name + ".png"));
        }
    }

    private void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
