package org.mailgate.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * A full disk during processing is not the message's fault: it is neither held nor sent, and is
 * processed again later (unlike a stage that fails, which holds external copies: FailClosedTest).
 */
class ProcessLaterTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskDuringProcessingMeansTryAgainNotHold() throws Exception {
        MutableClock clock = new MutableClock();
        AtomicInteger calls = new AtomicInteger();
        ProcessingStage stage = m -> {
            if (calls.incrementAndGet() == 1) {
                throw new UncheckedIOException(new FileSystemException(dir.resolve("spool").toString(), null,
                        "No space left on device"));
            }
            return Verdict.unclassified(m.envelope().recipients().stream()
                    .map(r -> (Decision) new Decision.Deliver(r, false, "fine")).toList());
        };
        try (TestSink internal = new TestSink(); TestSink external = new TestSink();
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                        "quarantine:\n  notify_senders: false\n"), b -> b.stage(stage).clock(clock))) {
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("c@partner.example"),
                        "Subject: x\r\n\r\nx\r\n"), 250);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> external.received().isEmpty() && !TestFiles.spoolStates(dir).contains("HELD"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                clock.advance(Duration.ofMinutes(1));
                return external.received().size() == 1;
            });
            assertThat(calls.get()).isEqualTo(2);
            assertThat(gw.gateway().quarantine().store().list(QuarantineFilter.all(5)).total()).isZero();
        }
    }
}
