package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.gateway.testing.LeaveFixtures.CONTACT;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.SAM;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitDelivered;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitQuiet;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitReplyTo;
import static org.mailgate.gateway.testing.LeaveFixtures.entry;
import static org.mailgate.gateway.testing.LeaveFixtures.headers;
import static org.mailgate.gateway.testing.LeaveFixtures.message;
import static org.mailgate.gateway.testing.LeaveFixtures.replies;
import static org.mailgate.gateway.testing.LeaveFixtures.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * Out-of-office replies through the real gateway over SMTP: what a reply looks like, who
 * gets one, and every case in which RFC 3834 and RFC 5230 say not to answer.
 */
class AutoReplyEndToEndTest {

    static final String ALICE = "alice@partner.example";

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    LocalDate today = LocalDate.now();
    LocalDate returning = today.plusDays(6);

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        Path file = LeaveFixtures.writeLeaveFile(dir, entry(JANE, today.minusDays(1), today.plusDays(3), returning,
                CONTACT, "  message: \"I am at the county show.\"\n"
                        + "  internal_message: \"Colleagues: the budget papers are in the team folder.\"\n"
                        + "  external_message: \"For planning enquiries please use the portal.\"\n"));
        gw = TestGateway.start(TestGateway.yaml(dir.resolve("data"), internal.port(), external.port(),
                "leave:\n  file: " + file + "\n  aliases:\n    " + JANE + ": [j.smith@council.example]\n"));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    private static String longDate(LocalDate d) {
        return DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK).format(d);
    }

    @Test
    void repliesToAnExternalSenderFromTheStaffAddressWithRfc3834Headers() throws Exception {
        send(gw, ALICE, List.of(JANE), message("Alice <" + ALICE + ">", "Jane Smith <" + JANE + ">", null,
                "Budget 2027", "<m1@partner.example>", "References: <m0@partner.example>"));

        TestSink.Received reply = awaitReplyTo(external, ALICE);
        assertThat(reply.sender()).as("envelope sender").isEmpty();
        assertThat(reply.recipients()).containsExactly(ALICE);
        String h = headers(reply);
        assertThat(h).contains("From: Jane Smith <" + JANE + ">", "To: " + ALICE, "Auto-Submitted: auto-replied",
                "In-Reply-To: <m1@partner.example>", "References: <m0@partner.example> <m1@partner.example>",
                "Subject: Auto: Budget 2027", "X-Auto-Response-Suppress: All");
        assertThat(h).containsPattern("(?m)^Message-ID: <[^>]+\\.auto-reply@gw\\.test>$").containsPattern("(?m)^Date: ");
        String body = reply.text();
        assertThat(body).contains("will be back on " + longDate(returning), CONTACT,
                "For planning enquiries please use the portal.")
                .doesNotContain("budget papers", "{", "}");
        // The original still reaches Jane, untouched.
        awaitDelivered(internal, "<m1@partner.example>", 1);
        assertThat(internal.received()).singleElement().satisfies(r -> {
            assertThat(r.recipients()).containsExactly(JANE);
            assertThat(r.text()).contains("Subject: Budget 2027", "Hello, about the budget.")
                    .doesNotContain("Auto-Submitted");
        });
    }

    @Test
    void repliesToAColleagueThroughTheInternalRouteWithTheInternalText() throws Exception {
        send(gw, SAM, List.of(JANE), message(SAM, JANE, null, "Team meeting", "<m2@council.example>"));

        TestSink.Received reply = awaitReplyTo(internal, SAM);
        assertThat(headers(reply)).contains("From: Jane Smith <" + JANE + ">", "Subject: Auto: Team meeting");
        assertThat(reply.text()).contains("Colleagues: the budget papers are in the team folder.", CONTACT)
                .doesNotContain("planning enquiries");
        assertThat(external.received()).isEmpty();
    }

    @Test
    void anAliasInCcCountsAsTheStaffMember() throws Exception {
        send(gw, ALICE, List.of("j.smith@council.example"), message(ALICE, "team@council.example",
                "j.smith@council.example", "Copy for you", "<m3@partner.example>"));
        assertThat(headers(awaitReplyTo(external, ALICE))).contains("From: Jane Smith <" + JANE + ">");
    }

    @Test
    void repliesToTheReturnPathNotTheFromAndTakesAutoSubmittedNoAsAPerson() throws Exception {
        String returnPath = "bounces+alice@partner.example";
        send(gw, returnPath, List.of(JANE), message("Alice <" + ALICE + ">", JANE, null, "Sent by hand",
                "<m5@partner.example>", "Auto-Submitted: no"));

        TestSink.Received reply = awaitReplyTo(external, returnPath);
        assertThat(reply.recipients()).containsExactly(returnPath);
        assertThat(headers(reply)).contains("To: " + returnPath, "Subject: Auto: Sent by hand");
        assertThat(replies(external)).noneMatch(r -> r.recipients().contains(ALICE));
    }

    @Test
    void aTemplateOfTheirOwnWithAnHtmlVersionAndASubjectPrefixShapeTheReply() throws Exception {
        Path template = dir.resolve("reply.txt");
        Files.writeString(template, "Back on {returning}. Please ask {alternative_contact}.\n"
                + "<html><body><p>Back on <b>{returning}</b>. Please ask {alternative_contact}.</p></body></html>\n");
        gw.close();
        gw = TestGateway.start(TestGateway.yaml(dir.resolve("data"), internal.port(), external.port(),
                "leave:\n  file: " + dir.resolve("leave.yaml") + "\n  reply_template: " + template
                        + "\n  subject_prefix: \"Out of office: \"\n"));

        send(gw, ALICE, List.of(JANE), message(ALICE, JANE, null, "Budget", "<m6@partner.example>"));

        TestSink.Received reply = awaitReplyTo(external, ALICE);
        assertThat(headers(reply)).contains("Subject: Out of office: Budget", "Auto-Submitted: auto-replied")
                .containsPattern("Content-Type: multipart/alternative;");
        assertThat(reply.text()).contains("Content-Type: text/plain; charset=UTF-8",
                "Content-Type: text/html; charset=UTF-8", "Back on " + longDate(returning) + ". Please ask " + CONTACT,
                "<p>Back on <b>" + longDate(returning) + "</b>. Please ask " + CONTACT + ".</p>");
    }

    @Test
    void nobodyOnLeaveMeansNoReply() throws Exception {
        send(gw, ALICE, List.of(SAM), message(ALICE, SAM, null, "Hello Sam", "<m4@partner.example>"));
        awaitDelivered(internal, "<m4@partner.example>", 1);
        awaitQuiet(gw, dir.resolve("data"), external, "bob@partner.example");
        assertThat(replies(external)).extracting(r -> r.recipients().get(0)).containsExactly("bob@partner.example");
    }

    static Stream<Arguments> noReplyCases() {
        String to = JANE;
        return Stream.of(
                Arguments.of("null sender", "", message("x@partner.example", to, null, "a", "<n1@p.example>")),
                Arguments.of("MAILER-DAEMON", "MAILER-DAEMON@partner.example",
                        message("x@partner.example", to, null, "a", "<n2@p.example>")),
                Arguments.of("owner-", "owner-planning@lists.example",
                        message("x@partner.example", to, null, "a", "<n3@p.example>")),
                Arguments.of("-request", "planning-request@lists.example",
                        message("x@partner.example", to, null, "a", "<n4@p.example>")),
                Arguments.of("listserv", "LISTSERV@lists.example",
                        message("x@partner.example", to, null, "a", "<n5@p.example>")),
                Arguments.of("majordomo", "majordomo@lists.example",
                        message("x@partner.example", to, null, "a", "<n15@p.example>")),
                Arguments.of("no-reply", "no-reply@partner.example",
                        message("x@partner.example", to, null, "a", "<n16@p.example>")),
                Arguments.of("the staff member themselves", JANE, message(JANE, to, null, "a", "<n17@p.example>")),
                Arguments.of("Auto-Submitted", ALICE,
                        message(ALICE, to, null, "a", "<n6@p.example>", "Auto-Submitted: auto-generated")),
                Arguments.of("Precedence bulk", ALICE,
                        message(ALICE, to, null, "a", "<n7@p.example>", "Precedence: bulk")),
                Arguments.of("Precedence list", ALICE,
                        message(ALICE, to, null, "a", "<n8@p.example>", "Precedence: list")),
                Arguments.of("Precedence junk", ALICE,
                        message(ALICE, to, null, "a", "<n9@p.example>", "Precedence: junk")),
                Arguments.of("List-Id", ALICE,
                        message(ALICE, to, null, "a", "<n10@p.example>", "List-Id: Planning <planning.lists.example>")),
                Arguments.of("another List-* header", ALICE, message(ALICE, to, null, "a", "<n18@p.example>",
                        "List-Unsubscribe: <mailto:leave@lists.example>")),
                Arguments.of("Auto-Submitted auto-replied", ALICE,
                        message(ALICE, to, null, "a", "<n19@p.example>", "Auto-Submitted: auto-replied")),
                Arguments.of("X-Auto-Response-Suppress OOF", ALICE,
                        message(ALICE, to, null, "a", "<n11@p.example>", "X-Auto-Response-Suppress: DR, OOF")),
                Arguments.of("X-Auto-Response-Suppress All", ALICE,
                        message(ALICE, to, null, "a", "<n12@p.example>", "X-Auto-Response-Suppress: All")),
                Arguments.of("only in Bcc", ALICE,
                        message(ALICE, "someone@partner.example", null, "a", "<n13@p.example>")),
                Arguments.of("through a list address", ALICE,
                        message(ALICE, "all-staff@council.example", null, "a", "<n14@p.example>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noReplyCases")
    void sendsNoReplyWhenTheRulesSayNot(String why, String envelopeSender, String message) throws Exception {
        send(gw, envelopeSender, List.of(JANE), message);
        String id = message.substring(message.indexOf("Message-ID: ") + 12, message.indexOf("\r\n",
                message.indexOf("Message-ID: ")));
        awaitDelivered(internal, id, 1);

        awaitQuiet(gw, dir.resolve("data"), external, "bob@partner.example");
        assertThat(replies(external)).as(why).extracting(r -> r.recipients().get(0))
                .containsExactly("bob@partner.example");
        assertThat(replies(internal)).as(why).isEmpty();
    }
}
