package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.testing.Chromium;

import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.openqa.selenium.By;




import org.openqa.selenium.WebDriver;


import org.openqa.selenium.support.ui.Select;

/**
 * A reviewer and an auditor in real headless Chromium: the pages work as plain forms (the
 * browser runs no script of ours; the CSP forbids it), and the screenshots in docs/ come from here.
 */
class ReviewInBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    TestSink sink;
    TestGateway gw;
    WebDriver browser;
    String base;

    @BeforeEach
    void start() throws Exception {
        Chromium.require();
        sink = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port()));
        gw.gateway().users().add("rita", Role.REVIEWER, PASSWORD);
        gw.gateway().users().add("audrey", Role.AUDITOR, PASSWORD);
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
    void aReviewerFiltersOpensReleasesAndRejectsAndAnAuditorSeesItAllButCannotAct() throws Exception {
        Sample s = heldSamples();

        browser.get(base + "/quarantine");
        assertThat(browser.getCurrentUrl()).contains("/login");
        signIn("rita");
        assertThat(browser.getCurrentUrl()).as(browser::getPageSource).endsWith("/quarantine");
        assertThat(text("#total")).contains("6 items match");
        assertThat(fitsWidth()).as("the queue fits 1280 px without scrolling sideways").isTrue();
        assertThat(text("table.queue")).contains("Held since", "Reason", "Replied", "National Insurance numbers");
        screenshot("quarantine-queue.png", 1400);

        new Select(browser.findElement(By.id("f-type"))).selectByValue("UK_NHS_NUMBER");
        Chromium.submit(browser, browser.findElement(By.id("filter")));
        assertThat(browser.getCurrentUrl()).contains("type=UK_NHS_NUMBER");
        assertThat(text("#total")).contains("2 items match");
        assertThat(text("table.queue")).contains("Referral for J. Smith", "Care plan review")
                .doesNotContain("Payroll corrections");

        Chromium.submit(browser, browser.findElement(By.linkText("Referral for J. Smith")));
        assertThat(text("h1")).isEqualTo("Referral for J. Smith");
        assertThat(text("main")).contains("UK_NHS_NUMBER", "943 ••• ••19", "I have spoken to the parent");
        screenshot("quarantine-message.png", 2400);
        browser.findElement(By.id("justification")).sendKeys("Parent confirmed the address by phone today");
        Chromium.submit(browser, browser.findElement(By.id("release-clear")));
        assertThat(browser.getCurrentUrl()).endsWith("/quarantine");
        assertThat(text(".flash")).contains("Item " + s.referral() + ": Released");

        browser.get(base + "/quarantine/" + s.payroll());
        browser.findElement(By.id("reason")).sendKeys("Bank details must go through the secure portal");
        Chromium.submit(browser, browser.findElement(By.id("reject")));
        assertThat(text(".flash")).contains("Item " + s.payroll() + ": Rejected.");
        assertThat(gw.gateway().quarantine().store().find(s.payroll()).orElseThrow().status())
                .isEqualTo(QuarantineItem.Status.REJECTED);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> sink.received().stream().anyMatch(r -> r.text().contains("Referral for J. Smith")));

        Chromium.submit(browser, browser.findElement(By.cssSelector("form.signout button")));
        assertThat(browser.getCurrentUrl()).contains("/login");
        assertThat(text(".flash")).contains("You are signed out.");
        browser.get(base + "/quarantine/" + s.carePlan());
        assertThat(browser.getCurrentUrl()).contains("/login");

        signIn("audrey");
        assertThat(browser.getCurrentUrl()).endsWith("/quarantine/" + s.carePlan());
        assertThat(text("main")).contains("Care plan review", "UK_NHS_NUMBER");
        assertThat(browser.findElements(By.cssSelector("#decide, #release-clear, #reject"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".attachments a"))).isEmpty();
        browser.get(base + "/quarantine");
        assertThat(browser.findElements(By.cssSelector("input[type=checkbox], #bulk"))).isEmpty();

        Chromium.submit(browser, browser.findElement(By.linkText("Audit log")));
        assertThat(fitsWidth()).as("the audit log fits 1280 px without scrolling sideways").isTrue();
        new Select(browser.findElement(By.id("a-action"))).selectByValue("REJECT");
        Chromium.submit(browser, browser.findElement(By.cssSelector("form.filters button[type=submit]")));
        assertThat(text("table.audit")).contains("REJECT").doesNotContain("RELEASE_CLEAR");
        browser.get(base + "/audit");
        String audit = text("table.audit");
        assertThat(audit).contains("RELEASE_CLEAR", "Parent confirmed the address by phone today", "REJECT",
                "Bank details must go through the secure portal", "rita");
    }

    private void signIn(String user) {
        browser.findElement(By.id("name")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Chromium.submit(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
    }

    /** The page's table is no wider than its box: nothing to scroll sideways. */
    private boolean fitsWidth() {
        return (Boolean) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const w = document.querySelector('.table-wrap'); return w.scrollWidth <= w.clientWidth + 1;");
    }

    private String text(String css) {
        return Chromium.text(browser, css);
    }

    /** A viewport-sized (or, up to maxHeight, whole-page) PNG in docs/screenshots. */
    private void screenshot(String name, int maxHeight) throws Exception {
        Chromium.screenshot(browser, name, maxHeight);
    }

    record Sample(long referral, long payroll, long carePlan) {
    }

    /** Six held messages that look like a council's day, with classifications in the classifier's format. */
    private Sample heldSamples() throws Exception {
        HeldMail held = new HeldMail(gw, dir);
        Instant now = Instant.now();
        long referral = held.hold("s.khan@council.example", List.of("parent@home.example"), "Referral for J. Smith",
                "From: Sara Khan <s.khan@council.example>\r\nTo: parent@home.example\r\nSubject: Referral for J. Smith\r\n"
                        + "Date: Mon, 30 Nov 2026 09:12:00 +0000\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                        + "Content-Type: text/html; charset=UTF-8\r\n\r\n<p>Dear Mrs Smith,</p><p>Please find the referral "
                        + "for <b>John</b> attached. His NHS number is 943 476 5919 and his date of birth 14/03/2011.</p>"
                        + "<p>Kind regards,<br>Sara Khan<br>Children's Services</p>"
                        + "<img src=\"https://tracker.example/open.gif\" alt=\"\">\r\n"
                        + "--b\r\nContent-Type: application/pdf; name=\"referral.pdf\"\r\n"
                        + "Content-Disposition: attachment; filename=\"referral.pdf\"\r\n\r\n%PDF-1.4 referral\r\n--b--\r\n",
                List.of("UK_NHS_NUMBER", "DATE_OF_BIRTH", "SPECIAL_CATEGORY"),
                "{\"level\":\"HIGH\",\"findings\":[{\"type\":\"UK_NHS_NUMBER\",\"count\":1,\"confidence\":\"HIGH\","
                        + "\"locations\":[\"body\",\"attachment:referral.pdf\"],\"samples\":[\"943 ••• ••19\"]},"
                        + "{\"type\":\"DATE_OF_BIRTH\",\"count\":1,\"confidence\":\"MEDIUM\",\"locations\":[\"body\"],"
                        + "\"samples\":[\"••/••/2011\"]},{\"type\":\"SPECIAL_CATEGORY\",\"count\":2,\"confidence\":"
                        + "\"MEDIUM\",\"locations\":[\"attachment:referral.pdf\"],\"samples\":[\"health\"]}],"
                        + "\"unscannable\":[]}", now.minus(Duration.ofHours(3)));
        gw.gateway().quarantine().addSenderNote(referral, QuarantineItem.NoteKind.JUSTIFICATION,
                "s.khan@council.example", "I have spoken to the parent; she has no way to open encrypted mail.", "127.0.0.1");
        long payroll = held.hold("payroll@council.example", List.of("accounts@supplier.example"), "Payroll corrections",
                HeldMail.plain("payroll@council.example", "accounts@supplier.example", "Payroll corrections",
                        "Sort code 20-00-00, account 55779911 for A. Jones; NI QQ 12 34 56 C."),
                List.of("UK_BANK_ACCOUNT", "UK_NINO"), "{\"level\":\"HIGH\",\"findings\":[{\"type\":\"UK_BANK_ACCOUNT\","
                        + "\"count\":1,\"confidence\":\"HIGH\",\"locations\":[\"body\"],\"samples\":[\"20-••-•• ••••9911\"]},"
                        + "{\"type\":\"UK_NINO\",\"count\":1,\"confidence\":\"HIGH\",\"locations\":[\"body\"],"
                        + "\"samples\":[\"QQ •• •• •• C\"]}],\"unscannable\":[]}", now.minus(Duration.ofMinutes(50)));
        long carePlan = held.hold("m.ford@council.example", List.of("carer@agency.example"), "Care plan review",
                HeldMail.plain("m.ford@council.example", "carer@agency.example", "Care plan review",
                        "NHS 401 023 2137, reviewed on 2 Dec."), List.of("UK_NHS_NUMBER"),
                "{\"level\":\"HIGH\",\"findings\":[{\"type\":\"UK_NHS_NUMBER\",\"count\":1,\"confidence\":\"HIGH\","
                        + "\"locations\":[\"body\"],\"samples\":[\"401 ••• ••37\"]}],\"unscannable\":[]}",
                now.minus(Duration.ofMinutes(20)));
        held.hold("h.ali@council.example", List.of("tenant@mail.example"), "Tenancy documents",
                HeldMail.plain("h.ali@council.example", "tenant@mail.example", "Tenancy documents", "see attached"),
                List.of("UNSCANNABLE_ATTACHMENT"), "{\"level\":\"HIGH\",\"findings\":[{\"type\":\"UNSCANNABLE_ATTACHMENT\","
                        + "\"count\":1,\"confidence\":\"HIGH\",\"locations\":[\"attachment:lease.zip\"],\"samples\":[]}],"
                        + "\"unscannable\":[\"lease.zip (encrypted archive)\"]}", now.minus(Duration.ofDays(1)));
        held.hold("j.wu@council.example", List.of("solicitor@law.example", "clerk@law.example"),
                "OFFICIAL-SENSITIVE: case bundle", HeldMail.plain("j.wu@council.example", "solicitor@law.example",
                        "OFFICIAL-SENSITIVE: case bundle", "Bundle for the hearing."), List.of("PROTECTIVE_MARKING"),
                "{\"level\":\"MEDIUM\",\"findings\":[{\"type\":\"PROTECTIVE_MARKING\",\"count\":1,\"confidence\":"
                        + "\"HIGH\",\"locations\":[\"subject\"],\"samples\":[\"OFFICIAL-SENSITIVE\"]}],\"unscannable\":[]}",
                now.minus(Duration.ofDays(2)));
        held.hold("benefits@council.example", List.of("claimant@home.example"), "Your claim",
                HeldMail.plain("benefits@council.example", "claimant@home.example", "Your claim",
                        "Ref AB 12 34 56 C"), List.of("UK_NINO"), HeldMail.NINO_FINDINGS, now.minus(Duration.ofMinutes(5)));
        return new Sample(referral, payroll, carePlan);
    }

}
