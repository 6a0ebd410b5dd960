package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.dashboard.ProtectedRoutes;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.store.DailyCounts;
import org.mailgate.gateway.testing.Browser;
import org.mailgate.gateway.testing.Chromium;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.TestGateway;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The IA team's dashboard in real headless Chromium: charts drawn as inline SVG that the
 * strict CSP lets through (coloured by the style sheet, no script), the headline figures, the
 * same figures as tables, and only for reviewers, auditors and admins.
 */
class DashboardInBrowserTest {

    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    final GatewayLab lab = GatewayLab.relay();
    @RegisterExtension
    final Browser chromium = new Browser(1280, 900);

    @Test
    void anAuditorSeesTheLastThirtyDaysAsChartsAndFigures() throws Exception {
        TestGateway gw = lab.gateway();
        gw.gateway().users().add("audrey", Role.AUDITOR, PASSWORD);
        gw.gateway().users().add("sam.jones@council.example", Role.STAFF, PASSWORD);
        WebDriver browser = chromium.driver();
        String base = "http://127.0.0.1:" + gw.webPort();
        HeldMail held = new HeldMail(gw, lab.dir());
        Instant now = Instant.now();
        String nino = "{\"level\":\"HIGH\",\"findings\":[{\"type\":\"UK_NINO\",\"count\":1}]}";
        long first = held.hold("a@council.example", List.of("x@family.court.example"), "One", "Subject: One\r\n\r\nx",
                List.of("UK_NINO"), nino, now.minus(Duration.ofDays(3)));
        long second = held.hold("a@council.example", List.of("y@family.court.example"), "Two", "Subject: Two\r\n\r\nx",
                List.of("UK_NINO"), nino, now.minus(Duration.ofDays(2)));
        held.hold("b@council.example", List.of("z@gp.example"), "Three", "Subject: Three\r\n\r\nx",
                List.of("UK_NHS_NUMBER"), "{\"level\":\"HIGH\"}", now.minus(Duration.ofHours(5)));
        assertThat(gw.gateway().quarantine().reject(first, "rita", "Not like this.", "127.0.0.1").done()).isTrue();
        assertThat(gw.gateway().quarantine().release(second, ReleaseMode.CLEAR, "rita", "The parent asked for it.",
                "127.0.0.1").done()).isTrue();
        DailyCounts counts = new DailyCounts(gw.gateway().database(), lab.clock());
        counts.add(ProtectedRoutes.SMIME, 4);
        counts.add(ProtectedRoutes.PORTAL, 2);
        counts.add(ProtectedRoutes.OOO_REPLY, 3);

        browser.get(base + "/dashboard");
        // The sign-in page says what it is for, for each kind of user.
        assertThat(chromium.text("#who")).contains("Staff and Business Support", "leave",
                "telephone messages", "Information Assurance reviewers", "Auditors", "Administrators");
        chromium.signIn("audrey", PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard");
        assertThat(chromium.text("h1")).isEqualTo("Dashboard");
        assertThat(chromium.text("#period")).contains("The last 30 days", "times in ");
        assertThat(chromium.text("#figure-waiting dd")).isEqualTo("1");
        assertThat(chromium.text("#figure-oldest dd")).matches("\\w{3} \\d{1,2} \\w{3} \\d{4}, \\d\\d:\\d\\d \\S+");
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSize(6);
        for (WebElement svg : browser.findElements(By.cssSelector("svg.chart"))) {
            assertThat(svg.getSize().getWidth()).as("drawn").isGreaterThan(300);
        }
        // Coloured by the style sheet, not by style attributes the CSP would block.
        WebElement heldBar = browser.findElements(By.cssSelector("#chart-activity rect.s-held")).stream()
                .filter(r -> !"0.0".equals(r.getAttribute("height"))).findFirst().orElseThrow();
        assertThat(heldBar.getCssValue("fill")).isEqualTo("rgb(164, 35, 27)");
        assertThat(browser.getPageSource()).doesNotContain("style=\"", "<script");
        assertThat(browser.findElement(By.cssSelector("#chart-findings")).getAttribute("innerHTML"))
                .contains("National Insurance numbers: 2", "NHS numbers: 1");
        assertThat(browser.findElement(By.cssSelector("#chart-domains")).getAttribute("innerHTML"))
                .contains("family.court.example: 2", "gp.example: 1");
        assertThat(browser.findElement(By.cssSelector("#chart-routes")).getAttribute("innerHTML"))
                .contains("S/MIME: 4", "Secure portal: 2", "Verified TLS: 0");
        assertThat(browser.findElement(By.cssSelector("#panel-ooo details")).getAttribute("innerHTML"))
                .contains("<td>3</td>");
        Chromium.screenshot(browser, "dashboard.png", 2200);

        Chromium.submit(browser, browser.findElement(By.cssSelector("form.signout button")));
        browser.get(base + "/dashboard");
        chromium.signIn("sam.jones@council.example", PASSWORD);
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("family.court.example");
    }
}
