package org.mailgate.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** A processing stage that fails or hangs never lets external mail out; internal copies still go. */
class FailClosedTest {

    @TempDir
    Path dir;
    final TestSink internal = new TestSink();
    final TestSink external = new TestSink();
    TestGateway gw;
    final CountDownLatch never = new CountDownLatch(1);

    FailClosedTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        never.countDown();
        gw.close();
        internal.close();
        external.close();
    }

    private void start(ProcessingStage stage) throws Exception {
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 1s\n",
                // Only the copies of the message itself reach the internal sink, not held notices.
                "quarantine:\n  notify_senders: false\n"), b -> b.stage(stage));
    }

    private void send(String subject) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@council.example", "c@partner.example"),
                    "Subject: " + subject + "\r\n\r\nx\r\n"), 250);
        }
    }

    @Test
    void holdsExternalCopiesWhenTheStageThrows() throws Exception {
        start(m -> {
            throw new IllegalStateException("parser exploded");
        });
        send("throws");
        await().atMost(Duration.ofSeconds(10)).until(() -> internal.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldState().contains("parser exploded"));
        assertThat(heldState()).contains("c@partner.example").doesNotContain("b@council.example");
        Thread.sleep(1500);
        assertThat(external.received()).isEmpty();
    }

    @Test
    void holdsExternalCopiesWhenTheStageHangsAndKeepsWorking() throws Exception {
        start(m -> {
            if (m.envelope().recipients().size() > 1) {
                never.await();
            }
            return Verdict.unclassified(List.of(new Decision.Deliver(m.envelope().recipients().get(0), false, "fine")));
        });
        send("hangs");
        await().atMost(Duration.ofSeconds(10)).until(() -> heldState().contains("timed out"));
        assertThat(external.received()).isEmpty();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of("d@partner.example"),
                    "Subject: next\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
    }

    @Test
    void holdsRecipientsTheStageForgot() throws Exception {
        start(m -> Verdict.unclassified(List.of()));
        send("forgot");
        await().atMost(Duration.ofSeconds(10)).until(() -> heldState().contains("made no decision"));
        assertThat(external.received()).isEmpty();
    }

    /** Held recipients and reasons, as the quarantine has them (held mail leaves the spool for it). */
    private String heldState() throws Exception {
        return gw.gateway().quarantine().store().list(QuarantineFilter.held(10)).items().stream()
                .map(i -> i.recipients() + " " + i.reason()).reduce("", String::concat);
    }
}
