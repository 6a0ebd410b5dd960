package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailgate.gateway.testing.LeaveFixtures.CONTACT;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.SAM;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitReplyTo;
import static org.mailgate.gateway.testing.LeaveFixtures.entry;
import static org.mailgate.gateway.testing.LeaveFixtures.message;
import static org.mailgate.gateway.testing.LeaveFixtures.send;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.slf4j.LoggerFactory;

/** The leave file is read again when it changes; a bad entry is reported and skipped, the rest apply. */
class LeaveFileReloadTest {

    static final String PAT = "pat.lee@council.example";

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    Path file;
    final LocalDate today = LocalDate.now();
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(LeaveFile.class);

    @BeforeEach
    void start() throws Exception {
        logged.start();
        logger.addAppender(logged);
        internal = new TestSink();
        external = new TestSink();
        file = LeaveFixtures.writeLeaveFile(dir, entry(JANE, today.minusDays(1), today.plusDays(3), null, CONTACT, ""));
        gw = TestGateway.start(TestGateway.yaml(dir.resolve("data"), internal.port(), external.port(),
                "leave:\n  file: " + file + "\n"));
    }

    @AfterEach
    void stop() throws Exception {
        logger.detachAppender(logged);
        gw.close();
        internal.close();
        external.close();
    }

    private LeaveSchedule schedule() {
        return gw.gateway().outOfOffice().schedule();
    }

    private List<String> warnings() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aChangedFileTakesEffectWithItsBadEntryReportedAndSkipped() throws Exception {
        assertThat(schedule().awayToday(JANE)).isPresent();
        Files.writeString(file, String.join("",
                entry(SAM, today.minusDays(2), today.plusDays(2), null, "Pat Lee, 01632 960456", ""),
                "# Pat's dates are the wrong way round\n",
                entry(PAT, today.plusDays(5), today.minusDays(1), null, CONTACT, ""),
                entry(JANE, today.plusDays(30), today.plusDays(31), null, CONTACT, "")));

        await().atMost(Duration.ofSeconds(15)).until(() -> schedule().awayToday(SAM).isPresent());
        assertThat(schedule().awayToday(JANE)).as("Jane's leave moved to next month").isEmpty();
        assertThat(schedule().store().all()).extracting(LeavePeriod::address).containsExactlyInAnyOrder(SAM, JANE);
        // The bad entry: file, line of the key, what is wrong, and that it was skipped.
        assertThat(warnings()).anySatisfy(w -> assertThat(w).startsWith("leave file: " + file + ":8: until: "
                + "The last day away (" + UkDates.longDate(today.minusDays(1)) + ") is before the first day ("
                + UkDates.longDate(today.plusDays(5)) + ").").endsWith(" (entry skipped; the others are in effect)"));
        assertThat(gw.gateway().outOfOffice().file().orElseThrow().last().problems()).hasSize(1);
        assertThat(gw.gateway().audit().list(Optional.of(LeaveFile.ACTOR), Optional.of("LEAVE_FILE"),
                Optional.empty(), Optional.empty(), 10)).extracting(AuditLog.Entry::detail)
                .anySatisfy(d -> assertThat(d).startsWith("loaded 2 period(s)").contains("1 problem(s)"));

        // What people see: Sam now answers, Jane does not.
        send(gw, "alice@partner.example", List.of(SAM), message("alice@partner.example", SAM, null, "Hi",
                "<r1@partner.example>"));
        assertThat(awaitReplyTo(external, "alice@partner.example").text()).contains("Pat Lee, 01632 960456");
    }

    @Test
    void aFileThatIsNotYamlChangesNothing() throws Exception {
        Files.writeString(file, "- address: [unclosed\n  from: 2026-12-01\n");
        await().atMost(Duration.ofSeconds(15)).until(() -> warnings().stream()
                .anyMatch(w -> w.startsWith("leave file: " + file + ":") && w.contains("not valid YAML")));
        assertThat(schedule().awayToday(JANE)).as("the last good schedule stays").isPresent();
    }

    @Test
    void overlappingEntriesForOnePersonAreNotBothKept() throws Exception {
        Files.writeString(file, String.join("",
                entry(JANE, today.minusDays(1), today.plusDays(3), null, CONTACT, ""),
                entry(JANE, today.plusDays(2), today.plusDays(8), null, CONTACT, "")));
        await().atMost(Duration.ofSeconds(15)).until(() -> warnings().stream().anyMatch(w -> w.contains("overlaps")));
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains(file + ":6: from: This overlaps the entry on "
                + "line 1 for " + JANE));
        assertThat(schedule().store().all()).singleElement()
                .satisfies(p -> assertThat(p.lastDay()).isEqualTo(today.plusDays(3)));
    }
}
