package org.mailgate.gateway.misdirected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.testing.Browser;
import org.mailgate.gateway.testing.Chromium;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestSink;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The sender's "send it" link for a copy that waits for them, in Chromium: the page names the
 * message and why it waits, and its button sends the copy (protected, as the policy decided).
 */
class ConfirmInBrowserTest {

    private static final String SENDER = "worker@council.example";

    @RegisterExtension
    final GatewayLab lab = GatewayLab.protectedStage().with(
            "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n");
    @RegisterExtension
    final Browser chromium = new Browser(1000, 900);

    private void send(String to, String message) throws Exception {
        try (SmtpConversation c = lab.gateway().ehlo()) {
            SmtpConversation.expect(c.sendMail(SENDER, List.of(to), "From: " + SENDER + "\r\nTo: " + to + "\r\n"
                    + message), 250);
        }
    }

    private List<TestSink.Received> to(TestSink sink, String rcpt) {
        return sink.received().stream().filter(r -> r.recipients().contains(rcpt)).toList();
    }

    @Test
    void theSendItLinkShowsWhyTheCopyWaitsAndSendsIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("someone@partner.example", "Subject: Meeting " + i + "\r\n\r\nSee you on Tuesday.\r\n");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> to(lab.external(), "someone@partner.example").size() == 3);
        send("someone@partner.exmaple", "Subject: Benefit claim\r\n\r\nYour National Insurance number is "
                + "AB 12 34 56 C.\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> to(lab.internal(), SENDER).stream()
                .anyMatch(r -> r.text().contains("Subject: Please confirm: Benefit claim")));
        String notice = to(lab.internal(), SENDER).stream().filter(r -> r.text().contains("Please confirm"))
                .findFirst().orElseThrow().text();
        Matcher link = Pattern.compile("(http://\\S+/confirm\\?t=\\S+)").matcher(notice);
        assertThat(link.find()).as(notice).isTrue();

        WebDriver browser = chromium.driver();
        String url = link.group(1).replace("http://127.0.0.1:0", "http://127.0.0.1:" + lab.gateway().webPort());
        browser.get(url);
        assertThat(Chromium.text(browser, "h1")).isEqualTo("Send it to these recipients?");
        assertThat(Chromium.text(browser, "#about")).contains("Benefit claim", "someone@partner.exmaple",
                "looks like partner.example, to which you sent 3 messages (two letters swapped)");
        assertThat(to(lab.external(), "someone@partner.exmaple")).isEmpty();
        Chromium.submit(browser, browser.findElement(By.xpath("//button[text()='Yes, send it']")));
        assertThat(Chromium.text(browser, "h1")).isEqualTo("Sent");

        await().atMost(Duration.ofSeconds(30)).until(() -> !to(lab.external(), "someone@partner.exmaple").isEmpty());
        assertThat(to(lab.external(), "someone@partner.exmaple")).allSatisfy(r ->
                assertThat(r.text()).doesNotContain("AB 12 34 56 C"));
        // The link works once: the copy has gone.
        browser.get(url);
        assertThat(Chromium.text(browser, "#about")).contains("released");
    }
}
