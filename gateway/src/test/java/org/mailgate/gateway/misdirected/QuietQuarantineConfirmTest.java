package org.mailgate.gateway.misdirected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestSink;

/**
 * With {@code quarantine.notify_senders: false} (nobody hears about mail held for review), a
 * copy that waits for its sender is still the sender's to send: they get the "Please confirm"
 * notice, and the notice when it is withdrawn for want of an answer.
 */
class QuietQuarantineConfirmTest {

    private static final String SENDER = "worker@council.example";

    @RegisterExtension
    final GatewayLab lab = GatewayLab.protectedStage().with(
            "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
            "quarantine:\n  notify_senders: false\n",
            "misdirected:\n  confirm_timeout: 3s\n");

    private void send(String to, String message) throws Exception {
        try (SmtpConversation c = lab.gateway().ehlo()) {
            SmtpConversation.expect(c.sendMail(SENDER, List.of(to), "From: " + SENDER + "\r\nTo: " + to + "\r\n"
                    + message), 250);
        }
    }

    private List<TestSink.Received> notices(String text) {
        return lab.internal().received().stream().filter(r -> r.recipients().contains(SENDER)
                && r.text().contains(text)).toList();
    }

    @Test
    void theSenderIsAskedAndToldEvenWhenHeldMailIsNotReported() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("someone@partner.example", "Subject: Meeting " + i + "\r\n\r\nSee you on Tuesday.\r\n");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> lab.external().received().size() == 3);
        send("someone@partner.exmaple", "Subject: Benefit claim\r\n\r\nYour National Insurance number is "
                + "AB 12 34 56 C.\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("Subject: Please confirm: Benefit claim").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("Subject: Withdrawn, not confirmed").size() == 1);
        assertThat(lab.external().received()).hasSize(3);
    }
}
