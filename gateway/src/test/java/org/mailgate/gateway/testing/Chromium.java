package org.mailgate.gateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver (never one Selenium would
 * download). Missing: the test is skipped on a developer machine and fails in CI.
 */
public final class Chromium {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** Skips (or fails in CI) unless Chromium and chromedriver are installed. Call before starting anything. */
    public static void require() {
        boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (System.getenv("CI") != null && !present) {
            throw new AssertionError("chromium and chromedriver are required in CI (installed by .ci/run)");
        }
        assumeTrue(present, "chromium/chromedriver not installed; .ci/run installs them");
    }

    /** A fresh browser with its profile in {@code profile}. */
    public static WebDriver start(Path profile, int width, int height) {
        require();
        // Naming the driver keeps Selenium Manager from looking for (or downloading) one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        WebDriver browser = new ChromeDriver(options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }

    /**
     * Clicks a link or button that loads a new page and waits until that page has replaced this
     * one, so that what the test reads next is the new page, not the old one.
     */
    public static void submit(WebDriver browser, WebElement e) {
        e.click();
        // Gone from the page once the next one has loaded. Chromedriver reports a removed node
        // either as stale or as "Node with given id does not belong to the document": both mean gone.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                e.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    /** The text of the first element matching {@code css}, once there is one (up to 10 s). */
    public static String text(WebDriver browser, String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getText();
    }

    /**
     * Saves a screenshot of the whole page (at most {@code maxHeight} pixels tall), then restores
     * the window's size. It goes to gateway/target/screenshots/NAME, so the suite leaves the
     * checkout clean; {@code -Dmailgate.screenshots=docs} refreshes docs/screenshots/NAME instead.
     */
    public static void screenshot(WebDriver browser, String name, int maxHeight) throws Exception {
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(before.getWidth(),
                (int) Math.min(maxHeight, Math.max(before.getHeight(), height + 160))));
        Path out = ("docs".equals(System.getProperty("mailgate.screenshots"))
                ? Peers.projectRoot().resolve("docs/screenshots") : Peers.projectRoot().resolve("gateway/target/screenshots"))
                .resolve(name);
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(before);
    }
}
