package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;

/**
 * The queue's schedule with the clock in the test's hands: a temporary failure is retried at
 * the configured intervals (the last one repeating), never before, and after
 * {@code delivery.max_queue_days} the sender gets a bounce and the message leaves the queue.
 */
class RetryScheduleTest {

    @RegisterExtension
    final GatewayLab lab = GatewayLab.relay().with(
            "delivery:\n  retry_intervals: [5m, 1h]\n  max_queue_days: 1\n  concurrency: 2\n  connect_timeout: 2s\n");

    @Test
    void retriesAtTheIntervalsThenBouncesAfterMaxQueueDays() throws Exception {
        lab.external().rcptReply(r -> "451 4.3.2 try later");
        try (SmtpConversation c = lab.gateway().ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@partner.example"),
                    "Subject: s\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts() == 1);

        // Not before the first interval: four minutes on, nothing happens.
        lab.clock().advance(Duration.ofMinutes(4));
        Thread.sleep(1500); // the scheduler looks at the clock at least every second
        assertThat(attempts()).isEqualTo(1);
        lab.clock().advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts() == 2);

        // Then the last interval repeats: an hour, not five minutes.
        lab.clock().advance(Duration.ofMinutes(30));
        Thread.sleep(1500);
        assertThat(attempts()).isEqualTo(2);
        lab.clock().advance(Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts() == 3);

        // A day after it arrived the next attempt is the last: the sender is told, the queue is empty.
        lab.clock().advance(Duration.ofHours(23));
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.gateway().gateway().queue().depth() == 0);
        assertThat(lab.internal().received()).singleElement().satisfies(bounce -> {
            assertThat(bounce.recipients()).containsExactly("a@council.example");
            assertThat(bounce.text()).contains("multipart/report", "report-type=delivery-status", "451 4.3.2");
        });
        assertThat(lab.external().received()).isEmpty();
    }

    private int attempts() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"attempts\":(\\d+)")
                .matcher(TestFiles.spoolStates(lab.dir()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
