package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.gateway.testing.LeaveFixtures.CONTACT;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.SAM;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.ooo.LeaveSchedule.Editor;
import org.mailgate.gateway.ooo.LeavePeriod.Source;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.TestDatabases;

/**
 * Setting leave the way the web UI and the API will: every check with the message a person
 * sees, who may set whose leave, and the audit entry of each change; on H2 and PostgreSQL.
 */
class LeaveScheduleTest {

    static final String BOSS = "pat.boss@council.example";

    @TempDir
    Path dir;
    Database db;
    OutOfOffice ooo;
    AuditLog audit;

    private LeaveSchedule schedule(TestDatabases.Kind kind) throws Exception {
        GatewayConfig config = new ConfigLoader().parse("""
                domains:
                  internal: [council.example]
                routes:
                  internal: 127.0.0.1:1
                leave:
                  forbidden_alternative_numbers: ["01632 960000 (Customer Service Centre)", "01632 960999"]
                  managers:
                    pat.boss@council.example: [jane.smith@council.example]
                  aliases:
                    jane.smith@council.example: [j.smith@council.example]
                """, "test.yaml");
        db = TestDatabases.open(kind, dir);
        audit = new AuditLog(db, Clock.systemUTC());
        ooo = OutOfOffice.start(config, db, audit, new org.mailgate.gateway.spool.Outbox() {
            @Override
            public org.mailgate.gateway.spool.Envelope spool(String s, java.util.List<String> r,
                    org.mailgate.gateway.spool.Envelope.Origin o, java.io.InputStream b) throws java.io.IOException {
                throw new java.io.IOException("nothing is sent in this test");
            }

            @Override
            public void announce(org.mailgate.gateway.spool.Envelope spooled) {
            }
        }, new SensitiveText(new org.mailgate.classifier.Classifier(
                org.mailgate.classifier.ClassifierSettings.defaults())), Clock.systemUTC(), () -> { });
        return ooo.schedule();
    }

    @AfterEach
    void stop() {
        if (ooo != null) {
            ooo.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static LeaveForm form(String address, String from, String until, String returning, String contact) {
        return new LeaveForm(address, from, until, returning, contact, "", "", "");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void explainsEachProblemInWordsAPersonCanActOn(TestDatabases.Kind kind) throws Exception {
        LeaveSchedule s = schedule(kind);
        Editor jane = Editor.staff(JANE);

        var backTooSoon = s.add(jane, form(JANE, "2026-12-01", "2026-12-05", "2026-12-05", CONTACT), Source.WEB, "ip");
        assertThat(backTooSoon.problems()).containsExactly(java.util.Map.entry(LeaveForm.RETURNING,
                "The return date (Saturday 5 December 2026) must be after the last day away (Saturday 5 December 2026)."));

        var reversed = s.add(jane, form(JANE, "2026-12-05", "2026-12-01", "", CONTACT), Source.WEB, "ip");
        assertThat(reversed.problems()).containsEntry(LeaveForm.UNTIL,
                "The last day away (Tuesday 1 December 2026) is before the first day (Saturday 5 December 2026).");

        var noContact = s.add(jane, form(JANE, "2026-12-01", "2026-12-05", "", " "), Source.WEB, "ip");
        assertThat(noContact.problems()).containsExactly(java.util.Map.entry(LeaveForm.ALTERNATIVE_CONTACT,
                "Give an alternative contact: who can help while you are away, with their phone number or e-mail "
                        + "address."));

        var nameOnly = s.add(jane, form(JANE, "2026-12-01", "2026-12-05", "", "Sam Jones, extension 4567"),
                Source.WEB, "ip");
        assertThat(nameOnly.problems().get(LeaveForm.ALTERNATIVE_CONTACT))
                .isEqualTo("The alternative contact needs a phone number with its area code (like 01632 960123) or an "
                        + "e-mail address, so that people can reach them.");

        var centre = s.add(jane, form(JANE, "2026-12-01", "2026-12-05", "", "Customer services on +44 1632 960000"),
                Source.WEB, "ip");
        assertThat(centre.problems().get(LeaveForm.ALTERNATIVE_CONTACT)).isEqualTo("+44 1632 960000 cannot be an "
                + "alternative contact: it is the Customer Service Centre's number, so callers would be sent back to "
                + "where they started and nobody would know you are away. Give a colleague's direct number or e-mail "
                + "address instead.");
        var unlabelled = s.add(jane, form(JANE, "2026-12-01", "2026-12-05", "", "Reception 01632 960999"),
                Source.WEB, "ip");
        assertThat(unlabelled.problems().get(LeaveForm.ALTERNATIVE_CONTACT)).startsWith("01632 960999 cannot be an "
                + "alternative contact: it is a shared line that may not be given");

        var many = s.add(jane, form("not an address", "1st of December", "", "", ""), Source.API, "ip");
        assertThat(many.problems()).containsOnlyKeys(LeaveForm.ADDRESS, LeaveForm.FROM, LeaveForm.UNTIL,
                LeaveForm.ALTERNATIVE_CONTACT);
        assertThat(many.problems().get(LeaveForm.FROM)).isEqualTo("'1st of December' is not a date: write the first "
                + "day away like 06/12/2026.");
        assertThat(s.store().all()).as("nothing stored from refused forms").isEmpty();
    }

    /** Out-of-office text goes to anyone who writes: an NHS or NI number in any field is refused, named but not shown. */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void refusesLeaveTextThatHoldsPersonalIdentifiersInEveryField(TestDatabases.Kind kind) throws Exception {
        LeaveSchedule s = schedule(kind);
        Editor jane = Editor.staff(JANE);
        String nhs = "For the Smith family, NHS number 943 476 5919.";
        String nino = "Mr Smith's National Insurance number is JG 10 37 29 D.";
        for (String text : java.util.List.of(nhs, nino)) {
            var inContact = s.add(jane, form(JANE, "2026-12-01", "2026-12-05", "", CONTACT + ". " + text), Source.WEB,
                    "ip");
            var inMessage = s.add(jane, new LeaveForm(JANE, "2026-12-01", "2026-12-05", "", CONTACT, text, "", ""),
                    Source.WEB, "ip");
            var inInternal = s.add(jane, new LeaveForm(JANE, "2026-12-01", "2026-12-05", "", CONTACT, "", text, ""),
                    Source.WEB, "ip");
            var inExternal = s.add(jane, new LeaveForm(JANE, "2026-12-01", "2026-12-05", "", CONTACT, "", "", text),
                    Source.WEB, "ip");
            assertThat(inContact.problems()).containsOnlyKeys(LeaveForm.ALTERNATIVE_CONTACT);
            assertThat(inMessage.problems()).containsOnlyKeys(LeaveForm.MESSAGE);
            assertThat(inInternal.problems()).containsOnlyKeys(LeaveForm.INTERNAL_MESSAGE);
            assertThat(inExternal.problems()).containsOnlyKeys(LeaveForm.EXTERNAL_MESSAGE);
            for (var r : java.util.List.of(inContact, inMessage, inInternal, inExternal)) {
                assertThat(String.join(" ", r.problems().values())).contains("cannot be saved")
                        .containsAnyOf("NHS numbers", "National Insurance numbers")
                        .doesNotContain("943 476 5919").doesNotContain("JG 10 37 29 D");
            }
        }
        assertThat(s.add(jane, form(JANE, "2026-12-01", "2026-12-05", "", CONTACT), Source.WEB, "ip").ok())
                .as("an ordinary contact with a phone number is still fine").isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void storesAPeriodWithTheNextWorkingDayAndRefusesAnOverlap(TestDatabases.Kind kind) throws Exception {
        LeaveSchedule s = schedule(kind);
        Editor jane = Editor.staff(JANE);
        var ok = s.add(jane, form("J.Smith@council.example", "2026-12-01", "4/12/2026", "", CONTACT), Source.WEB, "ip");
        assertThat(ok.ok()).as(ok.problems().toString()).isTrue();
        LeavePeriod p = ok.period().orElseThrow();
        assertThat(p.address()).as("stored under the staff address, not the alias").isEqualTo(JANE);
        assertThat(p.returning()).as("the Monday after a Friday").hasToString("2026-12-07");

        var overlap = s.add(jane, form(JANE, "2026-12-05", "2026-12-10", "", CONTACT), Source.WEB, "ip");
        assertThat(overlap.problems()).containsExactly(java.util.Map.entry(LeaveForm.FROM, "This overlaps leave "
                + "already set for jane.smith@council.example: Tuesday 1 December 2026 to Friday 4 December 2026, back "
                + "Monday 7 December 2026. Change that period instead of adding another."));
        assertThat(s.store().all()).hasSize(1);

        var changed = s.change(jane, p.id(), form(JANE, "2026-12-01", "2026-12-10", "", CONTACT), Source.WEB, "ip");
        assertThat(changed.ok()).as("a period does not overlap itself").isTrue();
        assertThat(s.store().find(p.id()).orElseThrow().lastDay()).hasToString("2026-12-10");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void staffSetTheirOwnLeaveManagersTheirTeamsAndEveryChangeIsAudited(TestDatabases.Kind kind) throws Exception {
        LeaveSchedule s = schedule(kind);
        var byManager = s.add(Editor.staff(BOSS), form(JANE, "2026-12-01", "2026-12-04", "", CONTACT), Source.WEB,
                "10.0.0.7");
        assertThat(byManager.ok()).isTrue();
        var notTheirTeam = s.add(Editor.staff(BOSS), form(SAM, "2026-12-01", "2026-12-04", "", CONTACT), Source.WEB,
                "10.0.0.7");
        assertThat(notTheirTeam.problems()).containsOnlyKeys(LeaveSchedule.PERMISSION);
        var bySam = s.remove(Editor.staff(SAM), byManager.period().orElseThrow().id(), "10.0.0.8");
        assertThat(bySam.problems()).containsOnlyKeys(LeaveSchedule.PERMISSION);
        assertThat(s.visibleTo(Editor.staff(BOSS))).hasSize(1);
        assertThat(s.visibleTo(Editor.staff(SAM))).isEmpty();

        assertThat(s.remove(Editor.staff(JANE), byManager.period().orElseThrow().id(), "10.0.0.9").ok()).isTrue();
        assertThat(audit.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10))
                .extracting(e -> e.actor() + " " + e.action() + " " + e.client())
                .containsExactly(JANE + " LEAVE_REMOVE 10.0.0.9", BOSS + " LEAVE_ADD 10.0.0.7");
        assertThat(audit.list(Optional.of(BOSS), Optional.empty(), Optional.empty(), Optional.empty(), 1).get(0)
                .detail()).contains(JANE, "2026-12-01 to 2026-12-04", "set by their line manager")
                .doesNotContain(CONTACT);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aChangeIsCheckedLikeAnAdditionAndAuditedWithWhatItWas(TestDatabases.Kind kind) throws Exception {
        LeaveSchedule s = schedule(kind);
        long id = s.add(Editor.staff(JANE), form(JANE, "2026-12-01", "2026-12-04", "", CONTACT), Source.WEB, "ip")
                .period().orElseThrow().id();

        var invalid = s.change(Editor.staff(BOSS), id, form(JANE, "2026-12-01", "2026-12-04", "2026-12-03",
                "Customer services"), Source.WEB, "10.0.0.7");
        assertThat(invalid.problems()).containsOnlyKeys(LeaveForm.RETURNING, LeaveForm.ALTERNATIVE_CONTACT);
        var notTheirs = s.change(Editor.staff(SAM), id, form(null, "2026-12-01", "2026-12-04", "", CONTACT),
                Source.WEB, "10.0.0.8");
        assertThat(notTheirs.problems()).containsOnlyKeys(LeaveSchedule.PERMISSION);
        assertThat(s.store().find(id).orElseThrow().lastDay()).as("unchanged").hasToString("2026-12-04");

        var byManager = s.change(Editor.staff(BOSS), id, new LeaveForm(null, "2026-12-02", "2026-12-09", "",
                "Lee Ward, 01632 960555", "Back after the inspection.", "", ""), Source.WEB, "10.0.0.7");
        assertThat(byManager.ok()).as(byManager.problems().toString()).isTrue();
        LeavePeriod changed = s.store().find(id).orElseThrow();
        assertThat(changed.address()).as("no address in the form: the period keeps its own").isEqualTo(JANE);
        assertThat(changed.firstDay()).hasToString("2026-12-02");
        assertThat(changed.alternativeContact()).isEqualTo("Lee Ward, 01632 960555");
        assertThat(changed.message()).isEqualTo("Back after the inspection.");
        assertThat(changed.changedBy()).isEqualTo(BOSS);
        assertThat(audit.list(Optional.of(BOSS), Optional.of("LEAVE_CHANGE"), Optional.empty(), Optional.empty(), 5))
                .singleElement().satisfies(e -> {
                    assertThat(e.client()).isEqualTo("10.0.0.7");
                    assertThat(e.detail()).isEqualTo("leave period " + id + " of " + JANE + ": 2026-12-02 to "
                            + "2026-12-09, back 2026-12-10 (WEB, set by their line manager); was 2026-12-01 to "
                            + "2026-12-04, back 2026-12-07; alternative contact changed, own text changed");
                });
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPeriodThatIsNotThereIsNotFoundRatherThanForbidden(TestDatabases.Kind kind) throws Exception {
        LeaveSchedule s = schedule(kind);
        Editor jane = Editor.staff(JANE);
        assertThat(s.remove(jane, 999, "ip").problems()).containsOnlyKeys(LeaveSchedule.NOT_FOUND);
        assertThat(s.change(jane, 999, form(JANE, "2026-12-01", "2026-12-04", "", CONTACT), Source.WEB, "ip")
                .problems()).containsOnlyKeys(LeaveSchedule.NOT_FOUND);
        assertThat(s.editable(jane, 999).problems()).containsOnlyKeys(LeaveSchedule.NOT_FOUND);
        long id = s.add(jane, form(JANE, "2026-12-01", "2026-12-04", "", CONTACT), Source.WEB, "ip").period()
                .orElseThrow().id();
        assertThat(s.editable(jane, id).period()).isPresent();
        assertThat(s.editable(Editor.staff(SAM), id).problems()).containsOnlyKeys(LeaveSchedule.PERMISSION);
        assertThat(s.remove(jane, id, "ip").ok()).isTrue();
        assertThat(s.remove(jane, id, "ip").problems()).as("removed twice").containsOnlyKeys(LeaveSchedule.NOT_FOUND);
    }
}
