package org.mailgate.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.pipeline.Verdict;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * When the shared store cannot take held mail, the message waits in the spool unprocessed
 * (never sent, nothing recorded as held in the spool) and goes to the quarantine when it can.
 * The store really fails: its table is taken away underneath the running gateway.
 */
class HoldingAreaDownTest {

    @TempDir
    Path dir;

    @Test
    void heldMailWaitsInTheSpoolUntilTheStoreIsBack() throws Exception {
        MutableClock clock = new MutableClock();
        AtomicInteger runs = new AtomicInteger();
        try (TestSink sink = new TestSink();
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port(),
                        "quarantine:\n  notify_senders: false\n"), b -> b.clock(clock).stage(m -> {
                            runs.incrementAndGet();
                            return Verdict.unclassified(List.of(new Decision.Hold(m.envelope().recipients().get(0),
                                    HoldReason.of(HoldReason.Rule.NOT_CARRIED_OUT, "held for the test"))));
                        }));
                Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db").resolve("mailgate")
                        .toAbsolutePath() + ";AUTO_SERVER=TRUE", "sa", "");
                Statement sql = db.createStatement()) {
            Quarantine real = gw.gateway().quarantine();
            sql.execute("ALTER TABLE quarantine_item RENAME TO quarantine_item_away");
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@partner.example"),
                        "Subject: x\r\n\r\nx\r\n"), 250);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
            // A second run is scheduled only once the first has failed to hand the message over. The
            // stage counts a run before that failure sets the next one (a minute on), so each step
            // moves the clock far enough for either order.
            clock.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2);
            assertThat(TestFiles.spoolStates(dir)).as("nothing decided while the store is away").isEmpty();
            assertThat(gw.gateway().queue().depth()).isEqualTo(1);

            sql.execute("ALTER TABLE quarantine_item_away RENAME TO quarantine_item");
            clock.advance(Duration.ofMinutes(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> real.store().list(QuarantineFilter.held(5)).total() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.gateway().queue().depth() == 0);
            assertThat(sink.received()).isEmpty();
        }
    }
}
