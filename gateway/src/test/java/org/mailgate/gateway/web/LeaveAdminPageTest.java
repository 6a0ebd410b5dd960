package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailgate.gateway.testing.LeaveFixtures.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * What the leave page tells managers and admins: who is away now, which leave-file entries were
 * skipped and why; and that staff hear by mail when someone else sets their leave.
 */
class LeaveAdminPageTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String JANE = "jane.smith@council.example";
    private static final String SAM = "sam.jones@council.example";
    private static final String PAT = "pat.boss@council.example";

    @TempDir
    Path dir;
    TestSink internal;
    TestGateway gw;
    final LocalDate today = LocalDate.now();

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        Path file = LeaveFixtures.writeLeaveFile(dir,
                entry(JANE, today.minusDays(1), today.plusDays(2), null, LeaveFixtures.CONTACT, ""),
                entry("kim.lee@council.example", today.plusDays(5), today.plusDays(1), null, LeaveFixtures.CONTACT, ""));
        gw = TestGateway.start(TestGateway.yaml(dir.resolve("data"), internal.port(), internal.port(),
                "leave:\n  file: " + file + "\n  managers:\n    " + PAT + ": [" + SAM + "]\n"));
        gw.gateway().users().add("adam", Role.ADMIN, PASSWORD);
        gw.gateway().users().add(PAT, Role.STAFF, PASSWORD);
        gw.gateway().users().add(SAM, Role.STAFF, PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> !gw.gateway().outOfOffice().schedule().periodsOf(JANE)
                .isEmpty());
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
    }

    @Test
    void adminsSeeWhoIsAwayAndTheSkippedFileEntriesAndStaffAreToldWhenSomeoneElseSetsTheirLeave() throws Exception {
        WebClient adam = new WebClient(gw.webPort()).signedIn("adam", PASSWORD);
        String page = adam.get("/leave").body();
        assertThat(page).contains("Away now", JANE, "Skipped in the leave file", "leave.yaml:7: until: The last day "
                + "away").doesNotContain("kim.lee@council.example</strong>");

        // Pat, Sam's line manager, sets Sam's leave: Sam is told, and Pat sees Sam away.
        WebClient pat = new WebClient(gw.webPort()).signedIn(PAT, PASSWORD);
        pat.get("/leave");
        assertThat(pat.post("/leave", "address", SAM, "from", today.toString(), "until", today.plusDays(1).toString(),
                "returning", "", "alternative_contact", "Pat Boss, 01632 960999, " + PAT, "message", "",
                "internal_message", "", "external_message", "").status()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(30)).until(() -> internal.received().stream()
                .anyMatch(r -> r.recipients().contains(SAM) && r.text().contains("Your leave was set by " + PAT)));
        String notice = internal.received().stream().filter(r -> r.recipients().contains(SAM)).findFirst()
                .orElseThrow().text();
        assertThat(notice).contains("Alternative contact: Pat Boss", "/leave", "Auto-Submitted: auto-generated");
        String patsPage = pat.get("/leave").body();
        assertThat(patsPage).contains("Away now", SAM).doesNotContain("Skipped in the leave file");
        // Staff setting their own leave are not told about it.
        WebClient sam = new WebClient(gw.webPort()).signedIn(SAM, PASSWORD);
        assertThat(sam.get("/leave").body()).doesNotContain("Away now");
    }
}
