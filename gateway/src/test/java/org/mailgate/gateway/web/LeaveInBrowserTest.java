package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.testing.Chromium;

import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.openqa.selenium.By;




import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;


import org.openqa.selenium.support.ui.Select;

/**
 * Staff and a line manager in real headless Chromium: setting and changing leave and taking a
 * telephone message as plain forms, with each problem shown next to its field. The screenshots
 * docs/screenshots/leave.png and take-message.png come from here.
 */
class LeaveInBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String JANE = "jane.smith@council.example";
    private static final String PAT = "pat.boss@council.example";
    private static final String CONTACT = "Sam Jones, 01632 960123, sam.jones@council.example";

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    TestSink sink;
    TestGateway gw;
    WebDriver browser;
    String base;
    final LocalDate today = LocalDate.now();

    @BeforeEach
    void start() throws Exception {
        Chromium.require();
        sink = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port(),
                "leave:\n  managers:\n    " + PAT + ": [" + JANE + "]\n"));
        gw.gateway().users().add(JANE, Role.STAFF, PASSWORD);
        gw.gateway().users().add(PAT, Role.STAFF, PASSWORD);
        base = "http://127.0.0.1:" + gw.webPort();
        browser = Chromium.start(profile, 1280, 900);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (gw != null) {
            gw.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void staffSetLeaveAManagerSetsTheirTeamsAndAMessageIsTaken() throws Exception {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).contains("/login");
        signIn(JANE);
        assertThat(browser.getCurrentUrl()).as(browser::getPageSource).endsWith("/leave");
        assertThat(text("nav")).contains("Leave", "Take a message").doesNotContain("Quarantine");

        LocalDate from = today.plusDays(7);
        type("f-from", from.toString());
        type("f-until", from.minusDays(2).toString());
        type("f-alternative-contact", CONTACT);
        type("f-message", "I am at the county show; the budget papers are in the team folder.");
        Chromium.submit(browser, browser.findElement(By.id("set-leave")));
        assertThat(text("#f-until-field .field-error")).contains("is before the first day");
        assertThat(browser.findElement(By.id("f-until")).getAttribute("aria-describedby")).contains("f-until-error");
        assertThat(browser.findElements(By.cssSelector("#f-from-field .field-error"))).isEmpty();
        assertThat(browser.findElement(By.id("f-from")).getAttribute("value")).isEqualTo(from.toString());
        assertThat(browser.findElement(By.id("f-alternative-contact")).getAttribute("value")).isEqualTo(CONTACT);

        type("f-until", from.plusDays(4).toString());
        Chromium.submit(browser, browser.findElement(By.id("set-leave")));
        assertThat(browser.getCurrentUrl()).endsWith("/leave");
        assertThat(text(".flash")).contains("Leave set for " + JANE);
        assertThat(text("#leave-mine")).contains(days(from, from.plusDays(4)), CONTACT);
        screenshot("leave.png", 1800);

        Chromium.submit(browser, browser.findElement(By.cssSelector("#leave-mine a[href$='/edit#leave-form']")));
        assertThat(text("#h-add")).startsWith("Change leave period");
        assertThat(browser.findElement(By.id("f-until")).getAttribute("value")).isEqualTo(from.plusDays(4).toString());
        type("f-returning", from.plusDays(1).toString());
        Chromium.submit(browser, browser.findElement(By.id("save-leave")));
        assertThat(text("#f-returning-field .field-error")).contains("must be after the last day away");
        assertThat(browser.findElement(By.id("f-message")).getAttribute("value")).startsWith("I am at the county show");
        type("f-returning", "");
        type("f-until", from.plusDays(5).toString());
        Chromium.submit(browser, browser.findElement(By.id("save-leave")));
        assertThat(text(".flash")).contains("Leave changed for " + JANE);
        assertThat(text("#leave-mine")).contains(days(from, from.plusDays(5)));
        signOut();

        signIn(PAT);
        new Select(browser.findElement(By.id("f-address"))).selectByValue(JANE);
        LocalDate later = today.plusDays(30);
        type("f-from", later.toString());
        type("f-until", later.plusDays(1).toString());
        type("f-alternative-contact", CONTACT);
        Chromium.submit(browser, browser.findElement(By.id("set-leave")));
        assertThat(text(".flash")).contains("Leave set for " + JANE);
        assertThat(text("#leave-others")).contains(JANE, days(later, later.plusDays(1)), PAT);
        assertThat(text("#leave-mine")).contains("No leave set.");

        Chromium.submit(browser, browser.findElement(By.linkText("Take a message")));
        LocalDateTime now = LocalDateTime.now().withSecond(0).withNano(0);
        type("f-officer", JANE);
        type("f-caller-name", "Ada Lovelace");
        type("f-return-number", "01632 960321");
        type("f-reason", "Her rent account: a payment seems to be missing.");
        type("f-call-back-by", DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").format(now.plusHours(3)));
        Chromium.submit(browser, browser.findElement(By.id("send-message")));
        assertThat(text("#f-caller-from-field .field-error")).contains("Give where the caller is from");
        assertThat(browser.findElement(By.id("f-caller-name")).getAttribute("value")).isEqualTo("Ada Lovelace");
        screenshot("take-message.png", 1800);

        type("f-caller-from", "Lincoln Housing Trust");
        browser.findElement(By.id("f-urgent")).click();
        Chromium.submit(browser, browser.findElement(By.id("send-message")));
        assertThat(browser.getCurrentUrl()).endsWith("/messages/new");
        assertThat(text(".flash")).contains("Message from Ada Lovelace sent to " + JANE, "urgent");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().stream()
                .anyMatch(r -> r.recipients().contains(JANE) && r.text().contains("Importance: High")));
    }

    private void signIn(String user) {
        browser.findElement(By.id("name")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Chromium.submit(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
    }

    private void signOut() {
        Chromium.submit(browser, browser.findElement(By.cssSelector("form.signout button")));
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    private void type(String id, String value) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    private String text(String css) {
        return Chromium.text(browser, css);
    }

    /** A viewport-sized (or, up to maxHeight, whole-page) PNG in docs/screenshots. */
    private void screenshot(String name, int maxHeight) throws Exception {
        Chromium.screenshot(browser, name, maxHeight);
    }

    /** A period's days as the pages show them. */
    private static String days(java.time.LocalDate first, java.time.LocalDate last) {
        return UkDates.longDate(first) + " to " + UkDates.longDate(last);
    }
}
