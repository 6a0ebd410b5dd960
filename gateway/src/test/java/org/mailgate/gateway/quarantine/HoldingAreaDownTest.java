package org.mailgate.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** When the shared store cannot take held mail, it waits in the spool (never sent) and moves when it can. */
class HoldingAreaDownTest {

    @TempDir
    Path dir;

    @Test
    void heldMailWaitsInTheSpoolUntilTheStoreIsBack() throws Exception {
        MutableClock clock = new MutableClock();
        try (TestSink sink = new TestSink();
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port(),
                        "quarantine:\n  notify_senders: false\n"), b -> b.clock(clock).stage(
                        m -> List.of(new Decision.Hold(m.envelope().recipients().get(0), "held for the test"))))) {
            Quarantine real = gw.gateway().quarantine();
            AtomicBoolean down = new AtomicBoolean(true);
            AtomicInteger attempts = new AtomicInteger();
            gw.gateway().queue().holdInto((message, held) -> {
                attempts.incrementAndGet();
                if (down.get()) {
                    throw new SQLException("Connection refused (test)");
                }
                return real.take(message, held);
            });
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@partner.example"),
                        "Subject: x\r\n\r\nx\r\n"), 250);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 1);
            assertThat(TestFiles.spoolStates(dir)).contains("\"status\":\"HELD\"");
            down.set(false);
            clock.advance(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> real.store().list(QuarantineFilter.held(5)).total() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> TestFiles.spoolStates(dir).isEmpty());
            assertThat(sink.received()).isEmpty();
        }
    }
}
