package org.mailgate.gateway.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.SAM;
import static org.awaitility.Awaitility.await;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitDelivered;
import static org.mailgate.gateway.testing.LeaveFixtures.entry;
import static org.mailgate.gateway.testing.LeaveFixtures.headers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/** Telephone messages taken for a colleague: checked, stored, listed, and sent as urgent e-mail. */
class MessagesTakenTest {

    static final String PAT = "pat.lee@council.example";
    static final String RECEPTION = "reception@council.example";
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    String yaml;
    final LocalDateTime now = LocalDateTime.now().withSecond(0).withNano(0);

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        LocalDate today = now.toLocalDate();
        Path file = LeaveFixtures.writeLeaveFile(dir,
                entry(JANE, today.minusDays(1), today.plusDays(3), null, "Sam Jones, " + SAM, ""),
                entry(PAT, today.minusDays(1), today.plusDays(3), null, "Chris at Lincs Housing, chris@housing.example",
                        ""));
        yaml = TestGateway.yaml(dir.resolve("data"), internal.port(), external.port(),
                "leave:\n  file: " + file + "\n");
        gw = TestGateway.start(yaml);
        // In the directory of staff: Jane and Pat have leave on record, Sam an account.
        gw.gateway().users().add(SAM, org.mailgate.gateway.auth.Role.STAFF, "a staff member's long password");
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    private MessagesTaken messages() {
        return gw.gateway().phoneMessages();
    }

    private MessageForm call(String officer, String reason) {
        return new MessageForm(officer, LOCAL.format(now.minusMinutes(10)), "Ada Lovelace", "Lincoln Housing Trust",
                "01632 960321", reason, LOCAL.format(now.plusHours(3)), true);
    }

    @Test
    void saysWhatIsWrongWithEachField() throws Exception {
        MessagesTaken.Result empty = messages().take(SAM, new MessageForm("", "", "", "", "", "", ""), "ip");
        assertThat(empty.problems()).containsOnlyKeys(MessageForm.OFFICER, MessageForm.CALL_AT, MessageForm.CALLER_NAME,
                MessageForm.CALLER_FROM, MessageForm.RETURN_NUMBER, MessageForm.REASON, MessageForm.CALL_BACK_BY);
        assertThat(empty.problems().get(MessageForm.CALLER_NAME)).isEqualTo("Give the caller's name.");

        MessagesTaken.Result wrong = messages().take(SAM, new MessageForm("someone@partner.example",
                LOCAL.format(now.plusDays(1)), "Ada", "Home", "ext 4567", "x".repeat(1001), LOCAL.format(now)), "ip");
        assertThat(wrong.problems()).isEqualTo(Map.of(
                MessageForm.OFFICER, "someone@partner.example is not one of our addresses (domains.internal): messages "
                        + "are taken for colleagues only.",
                MessageForm.CALL_AT, "The call cannot be in the future: give the time it came in.",
                MessageForm.RETURN_NUMBER, "'ext 4567' is not a whole phone number: give it with the area code, like "
                        + "01632 960123 or 07700 900123.",
                MessageForm.REASON, "Keep the reason brief: under 1000 characters (it has 1001).",
                MessageForm.CALL_BACK_BY, "The promised call-back time must be after the call."));

        MessagesTaken.Result badTime = messages().take(SAM, new MessageForm(SAM, "yesterday", "Ada", "Home",
                "01632 960321", "Bins", "tomorrow"), "ip");
        assertThat(badTime.problems().get(MessageForm.CALL_AT)).isEqualTo("'yesterday' is not a date and time: write "
                + "when the call came in like 06/12/2026 14:30.");
        assertThat(messages().forOfficer(SAM, 10)).isEmpty();
    }

    @Test
    void sendsAnUrgentEmailToTheOfficerAndKeepsTheMessage() throws Exception {
        MessagesTaken.Result r = messages().take(RECEPTION, call(SAM, "Rent arrears meeting"), "10.0.0.5");
        assertThat(r.ok()).as(r.problems().toString()).isTrue();

        awaitDelivered(internal, "Rent arrears meeting", 1);
        TestSink.Received mail = internal.received().get(0);
        assertThat(mail.sender()).as("bounces go to whoever took the call").isEqualTo(RECEPTION);
        assertThat(mail.recipients()).containsExactly(SAM);
        assertThat(headers(mail)).contains("Importance: High", "X-Priority: 1", "To: " + SAM, "From: Reception <"
                + RECEPTION + ">",
                "Subject: Phone message from Ada Lovelace (Lincoln Housing Trust): please call back by");
        assertThat(mail.text()).contains("Return number:     01632 960321", "Rent arrears meeting",
                "Please call back:  by " + UkDates.timeAndDate(now.plusHours(3).atZone(java.time.ZoneId.systemDefault())));

        assertThat(messages().forOfficer(SAM, 10)).singleElement().satisfies(m -> {
            assertThat(m.callerName()).isEqualTo("Ada Lovelace");
            assertThat(m.callerFrom()).isEqualTo("Lincoln Housing Trust");
            assertThat(m.reason()).isEqualTo("Rent arrears meeting");
            assertThat(m.sentTo()).containsExactly(SAM);
            assertThat(m.queueId()).isNotEmpty();
        });
        assertThat(gw.gateway().audit().list(Optional.of(RECEPTION), Optional.of("MESSAGE_TAKEN"), Optional.empty(),
                Optional.empty(), 5)).extracting(AuditLog.Entry::detail).singleElement().asString()
                .doesNotContain("Ada", "01632");
    }

    /** Every column of every taken_message row, as text (sealed bytes as Latin-1, so clear text would show). */
    private List<String> storedRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = gw.gateway().database().connection();
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM taken_message ORDER BY id")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    String text = v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v);
                    row.append(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT)).append('=').append(text)
                            .append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void theCallersDetailsAreSealedInTheDatabase() throws Exception {
        assertThat(messages().take(RECEPTION, call(SAM, "Rent arrears meeting"), "ip").ok()).isTrue();

        assertThat(storedRows()).singleElement().asString()
                .contains("officer=" + SAM, "caller_name=null", "reason=null")
                .doesNotContain("Ada Lovelace", "Lincoln Housing Trust", "01632 960321", "960321", "Rent arrears");
        assertThat(messages().forOfficer(SAM, 10)).singleElement().satisfies(m -> {
            assertThat(m.callerName()).isEqualTo("Ada Lovelace");
            assertThat(m.returnNumber()).isEqualTo("01632 960321");
        });
    }

    @Test
    void aSealedRowMovedToAnotherMessageNoLongerOpens() throws Exception {
        assertThat(messages().take(RECEPTION, call(SAM, "First call"), "ip").ok()).isTrue();
        assertThat(messages().take(RECEPTION, call(SAM, "Second call"), "ip").ok()).isTrue();
        try (Connection c = gw.gateway().database().connection()) {
            c.createStatement().executeUpdate("UPDATE taken_message SET personal = (SELECT personal FROM taken_message "
                    + "WHERE id = (SELECT MIN(id) FROM taken_message)) WHERE id = (SELECT MAX(id) FROM taken_message)");
        }
        assertThat(messages().forOfficer(SAM, 10)).extracting(TakenMessage::reason)
                .containsExactly("(cannot be read with this node's master key)", "First call");
    }

    @Test
    void messagesStoredInClearByAnOlderVersionAreSealedOnStartAndStillListed() throws Exception {
        // A row as schema V3 wrote it: the caller's details in clear columns.
        try (Connection c = gw.gateway().database().connection()) {
            c.createStatement().executeUpdate("INSERT INTO taken_message (officer, taken_by, call_at, caller_name, "
                    + "caller_from, return_number, reason, call_back_by, created_at, sent_to, queue_id) VALUES ('" + SAM
                    + "', 'reception', 1000, 'Grace Hopper', 'Navy Yard', '01632 960777', 'Old message', 2000, 1000, '"
                    + SAM + "', 'q1')");
        }
        assertThat(messages().forOfficer(SAM, 10)).extracting(TakenMessage::callerName).containsExactly("Grace Hopper");
        assertThat(storedRows()).singleElement().asString().contains("Grace Hopper");

        gw.close();
        gw = TestGateway.start(yaml);

        assertThat(storedRows()).singleElement().asString().contains("caller_name=null")
                .doesNotContain("Grace Hopper", "Navy Yard", "960777", "Old message");
        assertThat(messages().forOfficer(SAM, 10)).singleElement().satisfies(m -> {
            assertThat(m.callerName()).isEqualTo("Grace Hopper");
            assertThat(m.callerFrom()).isEqualTo("Navy Yard");
            assertThat(m.returnNumber()).isEqualTo("01632 960777");
            assertThat(m.reason()).isEqualTo("Old message");
            assertThat(m.queueId()).isEqualTo("q1");
        });
    }

    @Test
    void whileTheOfficerIsOnLeaveACopyGoesToTheirAlternativeContact() throws Exception {
        assertThat(messages().take("reception", call(JANE, "Planning application query"), "ip").ok()).isTrue();

        awaitDelivered(internal, "Planning application query", 1);
        TestSink.Received mail = internal.received().get(0);
        assertThat(mail.recipients()).containsExactlyInAnyOrder(JANE, SAM);
        assertThat(headers(mail)).contains("To: " + JANE, "Cc: " + SAM, "Importance: High");
        // The colleague covering for Jane sees the copy under "Messages for me", and can mark it called back.
        assertThat(messages().forOfficer(SAM, 10)).singleElement().satisfies(m -> {
            assertThat(m.officer()).isEqualTo(JANE);
            assertThat(m.calledBack()).isFalse();
        });
        long copied = messages().forOfficer(SAM, 10).get(0).id();
        assertThat(messages().calledBack(copied, SAM, "ip")).startsWith("Marked as called back");
        assertThat(messages().calledBack(copied, JANE, "ip")).isEqualTo("It was already marked as called back.");
        assertThat(messages().calledBack(copied, PAT, "ip")).isEqualTo("There is no such message for you.");
        assertThat(messages().forOfficer(JANE, 10).get(0).calledBackBy()).isEqualTo(SAM);
        assertThat(mail.text()).contains("Jane Smith is on leave", "A copy went to their alternative contact");
        assertThat(messages().forOfficer(JANE, 10).get(0).sentTo()).containsExactly(JANE, SAM);
    }

    @Test
    void anAlternativeContactOutsideTheOrganisationGetsNoCopy() throws Exception {
        assertThat(messages().take(SAM, call(PAT, "Tenancy question"), "ip").ok()).isTrue();

        awaitDelivered(internal, "Tenancy question", 1);
        assertThat(internal.received().get(0).recipients()).containsExactly(PAT);
        assertThat(internal.received().get(0).text()).contains("outside the organisation, so no copy was sent");
        assertThat(external.received()).isEmpty();
    }

    @Test
    void urgentIsAChoiceAndTheColleagueMustBeInTheDirectoryOfStaff() throws Exception {
        MessageForm plain = new MessageForm(SAM, LOCAL.format(now.minusMinutes(10)), "Ada Lovelace", "Home",
                "01632 960321", "Bins", LOCAL.format(now.plusHours(3)), false);
        assertThat(messages().take(RECEPTION, plain, "ip").ok()).isTrue();
        TestSink.Received mail = await().atMost(java.time.Duration.ofSeconds(20)).until(() -> internal.received()
                .stream().filter(r -> r.recipients().contains(SAM)).findFirst(), java.util.Optional::isPresent).get();
        assertThat(headers(mail)).doesNotContain("Importance:", "X-Priority:", "Priority:");

        MessageForm nobody = new MessageForm("no.one@council.example", LOCAL.format(now.minusMinutes(10)), "Ada",
                "Home", "01632 960321", "Bins", LOCAL.format(now.plusHours(3)), true);
        assertThat(messages().take(RECEPTION, nobody, "ip").problems().get(MessageForm.OFFICER))
                .isEqualTo("no.one@council.example is not in the directory of staff (no account, leave or team of "
                        + "that name): check the spelling of the address.");
    }
}
