package org.mailgate.gateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Headless Chromium for a browser test, as a JUnit 5 extension: started with a fresh profile
 * before each test and quit after it. Pairs with {@link GatewayLab}:
 *
 * <pre>
 * &#64;RegisterExtension final GatewayLab lab = GatewayLab.relay();
 * &#64;RegisterExtension final Browser browser = new Browser(1280, 900);
 * </pre>
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {

    private final int width;
    private final int height;
    private Path profile;
    private WebDriver driver;

    public Browser(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Chromium.require();
        profile = Files.createTempDirectory("mailgate-chromium-");
        driver = Chromium.start(profile, width, height);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** The visible text of the first element matching {@code css}. */
    public String text(String css) {
        return Chromium.text(driver, css);
    }

    /** Fills in the sign-in form the browser is on and submits it. */
    public void signIn(String name, String password) {
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        Chromium.submit(driver, driver.findElement(By.cssSelector("form button[type=submit]")));
    }
}
