package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.testing.Browser;
import org.mailgate.gateway.testing.Chromium;
import org.mailgate.gateway.testing.GatewayLab;

import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;



import org.openqa.selenium.WebDriver;



/**
 * Secure pickup end to end in real headless Chromium: a sensitive message to a recipient with
 * no certificate leaves only as a notice; the recipient opens the link, gets a code by e-mail,
 * reads the message, downloads the attachment, and replies securely to the sender, who is told
 * when it was opened. Screenshots in docs/screenshots come from here.
 */
class PortalInBrowserTest {

    private static final byte[] PLAN = "Care plan for J. Smith\r\nReview date: 12/01/2027\r\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final GatewayLab lab = GatewayLab.protectedStage().with(
            "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
            "portal:\n  organisation: Example County Council\n");
    @RegisterExtension
    final Browser chromium = new Browser(1000, 900);
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    WebDriver browser;

    @BeforeEach
    void bind() {
        dir = lab.dir();
        internal = lab.internal();
        external = lab.external();
        gw = lab.gateway();
        browser = chromium.driver();
    }

    private static String message() {
        return "From: Sara Khan <s.khan@council.example>\r\nTo: parent@home.example\r\nSubject: Care plan for John\r\n"
                + "Message-ID: <care-plan-1@council.example>\r\nReferences: <referral-7@council.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n<p>Dear Mrs Smith,</p><p>John's NHS number is "
                + "<b>943 476 5919</b> and his National Insurance number AB 12 34 56 C.</p>"
                + "<script>document.title='pwned'</script><img src=\"https://tracker.example/p.gif\">\r\n--b1\r\n"
                + "Content-Type: text/plain; name=\"care-plan.txt\"\r\nContent-Disposition: attachment; "
                + "filename=\"care-plan.txt\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(PLAN) + "\r\n--b1--\r\n";
    }

    @Test
    void theRecipientReadsDownloadsAndRepliesAndTheSenderIsTold() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("s.khan@council.example", List.of("parent@home.example"), message()), 250);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 1);
        String notice = external.received().get(0).text();
        assertThat(notice).doesNotContain("943 476 5919", "AB 12 34 56 C", "care-plan.txt", "Review date");
        Matcher link = Pattern.compile("(http://\\S+/p/[A-Za-z0-9_-]{43})").matcher(notice);
        assertThat(link.find()).as(notice).isTrue();

        // web.listen is port 0 here, so web.public_url in the link names port 0: point it at the real one.
        browser.get(link.group(1).replace("http://127.0.0.1:0", "http://127.0.0.1:" + gw.webPort()));
        assertThat(text("h1")).isEqualTo("You have a secure message");
        assertThat(text("main")).contains("s.khan@council.example", "parent@home.example").doesNotContain("943 476");
        Chromium.submit(browser, browser.findElement(By.xpath("//button[text()='Send me a code']")));
        assertThat(text(".flash")).contains("We have sent a code to parent@home.example");
        await().atMost(Duration.ofSeconds(20)).until(() -> external.received().size() == 2);
        Matcher code = Pattern.compile("Subject: Your code: (\\d{6})").matcher(external.received().get(1).text());
        assertThat(code.find()).isTrue();
        screenshot("portal-code.png", 900);

        // At phone width the code box and the buttons are large enough to use.
        org.openqa.selenium.Dimension wide = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        int viewport = ((Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.clientWidth")).intValue();
        assertThat(browser.findElement(By.id("code")).getSize().getWidth()).isBetween(200, viewport);
        assertThat(browser.findElement(By.id("code")).getCssValue("font-size")).isEqualTo("25.6px");
        assertThat(browser.findElement(By.xpath("//button[text()='Open the message']")).getSize().getWidth())
                .isGreaterThan(viewport / 2);
        assertThat(((Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth")).intValue()).as("no sideways scrolling")
                .isLessThanOrEqualTo(viewport);
        screenshot("portal-phone.png", 900);
        browser.manage().window().setSize(wide);

        browser.findElement(By.id("code")).sendKeys("000000".equals(code.group(1)) ? "111111" : "000000");
        Chromium.submit(browser, browser.findElement(By.xpath("//button[text()='Open the message']")));
        assertThat(text(".flash")).contains("That code is not right");
        browser.findElement(By.id("code")).sendKeys(code.group(1));
        Chromium.submit(browser, browser.findElement(By.xpath("//button[text()='Open the message']")));
        assertThat(text("h1")).isEqualTo("Care plan for John");
        assertThat(text(".mail-html")).contains("943 476 5919");
        assertThat(browser.getTitle()).doesNotContain("pwned");
        assertThat(browser.getPageSource()).doesNotContain("<script>document.title", "tracker.example");
        screenshot("portal-message.png", 1400);

        // The attachment, fetched with the browser's own session, is byte for byte what was sent.
        Cookie session = browser.manage().getCookies().stream().filter(k -> k.getName().endsWith("mg_portal"))
                .findFirst().orElseThrow();
        String href = browser.findElement(By.linkText("care-plan.txt")).getAttribute("href");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", session.getName() + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PLAN);
        HttpResponse<byte[]> stranger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(stranger.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Review date");

        Path signed = dir.resolve("signed-consent.txt");
        Files.writeString(signed, "I consent to the plan.");
        browser.findElement(By.id("text")).sendKeys("Thank you, I have read the plan.");
        browser.findElement(By.id("files")).sendKeys(signed.toString());
        Chromium.submit(browser, browser.findElement(By.xpath("//button[text()='Send reply']")));
        assertThat(text(".flash")).contains("Your reply has been sent securely to s.khan@council.example");
        assertThat(text("#sent-reply")).contains("Your reply, sent", "Thank you, I have read the plan.",
                "signed-consent.txt");

        await().atMost(Duration.ofSeconds(20)).until(() -> internal.received().stream().anyMatch(r ->
                r.recipients().contains("s.khan@council.example") && r.text().contains("Thank you, I have read the plan.")));
        TestSink.Received reply = internal.received().stream().filter(r -> r.text().contains("Thank you, I have read"))
                .findFirst().orElseThrow();
        assertThat(reply.text()).contains("In-Reply-To: <care-plan-1@council.example>",
                "References: <referral-7@council.example> <care-plan-1@council.example>");
        assertThat(reply.text()).contains("From: parent@home.example", "Subject: Re: Care plan for John",
                "signed-consent.txt", Base64.getMimeEncoder().encodeToString("I consent to the plan.".getBytes()));
        assertThat(internal.received()).anyMatch(r -> r.text().contains("Subject: Opened: Care plan for John"));
        assertThat(internal.received()).anyMatch(r -> r.text().contains("Subject: Sent securely: Care plan for John"));
        assertThat(external.received()).hasSize(2); // the notice and the code, nothing else left

        // The sender's withdraw link opens a page that names the message, and withdraws it.
        String toSender = internal.received().stream().filter(r -> r.text().contains("Subject: Sent securely"))
                .findFirst().orElseThrow().text().replaceAll("=\r?\n", "");
        Matcher revoke = Pattern.compile("(http://\\S+/revoke/[A-Za-z0-9_-]{43})").matcher(toSender);
        assertThat(revoke.find()).as(toSender).isTrue();
        browser.get(revoke.group(1).replace("http://127.0.0.1:0", "http://127.0.0.1:" + gw.webPort()));
        assertThat(text("#about")).contains("Care plan for John", "parent@home.example", "Opened");
        Chromium.submit(browser, browser.findElement(By.xpath("//button[text()='Withdraw the message']")));
        assertThat(text("h1")).isEqualTo("Withdrawn");
    }

    private String text(String css) {
        return Chromium.text(browser, css);
    }

    private void screenshot(String name, int maxHeight) throws Exception {
        Chromium.screenshot(browser, name, maxHeight);
    }
}
