package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailgate.gateway.testing.LeaveFixtures.CONTACT;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitDelivered;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitReplyTo;
import static org.mailgate.gateway.testing.LeaveFixtures.entry;
import static org.mailgate.gateway.testing.LeaveFixtures.message;
import static org.mailgate.gateway.testing.LeaveFixtures.send;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.slf4j.LoggerFactory;

/** With the production stage (classification and policy): replies work, and their failure harms nothing. */
class AutoReplyFailureTest {

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(AutoResponder.class);

    @AfterEach
    void stop() throws Exception {
        logger.detachAppender(logged);
        gw.close();
        internal.close();
        external.close();
    }

    @Test
    void theOriginalIsDeliveredWhenTheAutoReplyFails() throws Exception {
        logged.start();
        logger.addAppender(logged);
        internal = new TestSink();
        external = new TestSink();
        LocalDate today = LocalDate.now();
        Path file = LeaveFixtures.writeLeaveFile(dir, entry(JANE, today.minusDays(1), today.plusDays(3), null,
                CONTACT, ""));
        gw = TestGateway.startProtected(TestGateway.yaml(dir.resolve("data"), internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n", "leave:\n  file: " + file + "\n"),
                b -> { });

        send(gw, "alice@partner.example", List.of(JANE), message("alice@partner.example", JANE, null, "Works",
                "<f1@partner.example>"));
        assertThat(awaitReplyTo(external, "alice@partner.example").text()).contains(CONTACT);

        // The shared store loses the reply memory: every reply now fails at the claim.
        try (Connection c = gw.gateway().outOfOffice().schedule().store().database().connection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE leave_reply");
        }
        send(gw, "bob@partner.example", List.of(JANE, "carol@partner.example"), message("bob@partner.example",
                JANE + ", carol@partner.example", null, "Still delivered", "<f2@partner.example>"));

        awaitDelivered(internal, "<f2@partner.example>", 1);
        awaitDelivered(external, "<f2@partner.example>", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("auto-reply for <" + JANE + "> failed")
                        && m.endsWith("the message itself is delivered as usual")));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestFiles.spoolStates(dir.resolve("data")).isEmpty());
        assertThat(internal.received()).filteredOn(r -> r.text().contains("<f2@partner.example>")).singleElement()
                .satisfies(r -> assertThat(r.recipients()).containsExactly(JANE));
        assertThat(LeaveFixtures.repliesTo(external, "bob@partner.example")).isEmpty();
    }
}
