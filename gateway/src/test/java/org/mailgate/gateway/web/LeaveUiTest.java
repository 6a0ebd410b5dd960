package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.ooo.LeavePeriod;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.web.WebClient.Page;

/**
 * The out-of-office pages and API over real HTTP against a real gateway: staff accounts, who
 * may set whose leave, errors next to their fields, telephone messages, and an auto-reply
 * over SMTP for leave set in the browser. Each test uses its own people or days, so that
 * periods from one test never overlap another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaveUiTest {

    static final String PASSWORD = "correct horse battery staple";
    static final String JANE = "jane.smith@council.example";
    static final String SAM = "sam.jones@council.example";
    static final String PAT = "pat.boss@council.example";
    static final String LEE = "lee.ward@council.example";
    static final String CONTACT = "Sam Jones, 01632 960123";
    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    @TempDir
    static Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    final LocalDate today = LocalDate.now();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "leave:\n  managers:\n    " + PAT + ": [" + JANE + "]\n"));
        var users = gw.gateway().users();
        for (String staff : List.of(JANE, SAM, PAT, LEE)) {
            users.add(staff, Role.STAFF, PASSWORD);
        }
        users.add("rita", Role.REVIEWER, PASSWORD);
        users.add("adam", Role.ADMIN, PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    WebClient as(String user) throws Exception {
        return new WebClient(gw.webPort()).signedIn(user, PASSWORD);
    }

    Page setLeave(WebClient b, String address, LocalDate from, LocalDate until, String contact) throws Exception {
        b.get("/leave");
        return b.post("/leave", "address", address, "from", from.toString(), "until", until.toString(), "returning", "",
                "alternative_contact", contact, "message", "I am at the county show.", "internal_message", "",
                "external_message", "");
    }

    List<AuditLog.Entry> audit(String actor, String action) throws Exception {
        return gw.gateway().audit().list(Optional.of(actor), Optional.of(action), Optional.empty(), Optional.empty(),
                100);
    }

    List<LeavePeriod> leaveOf(String address) throws Exception {
        return gw.gateway().outOfOffice().schedule().periodsOf(address);
    }

    // ---- staff accounts ------------------------------------------------------------------------

    @Test
    void staffLandOnTheirLeaveAndCannotReachHeldMailTheAuditLogOrAccounts() throws Exception {
        WebClient b = new WebClient(gw.webPort());
        Page in = b.login(SAM, PASSWORD);
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.location()).isEqualTo("/leave");
        Page leave = b.get("/leave");
        assertThat(leave.status()).isEqualTo(200);
        assertThat(leave.body()).contains(">Leave</a>", ">Take a message</a>").doesNotContain("href=\"/quarantine\"");
        for (String path : List.of("/quarantine", "/quarantine/1", "/quarantine/1/attachments/0", "/audit",
                "/admin/users")) {
            Page p = b.get(path);
            assertThat(p.status()).as(path).isEqualTo(403);
            assertThat(p.body()).as(path).contains("Your role (staff) may not");
        }
        assertThat(b.get("/").location()).isEqualTo("/leave");
        assertThat(b.post("/quarantine/bulk", "id", "1", "action", "release").status()).isEqualTo(403);

        String token = gw.gateway().users().createToken(SAM, "test");
        WebClient api = new WebClient(gw.webPort());
        for (String path : List.of("/api/v1/quarantine", "/api/v1/quarantine/1")) {
            Page p = api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                    .header("Authorization", "Bearer " + token).GET());
            assertThat(p.status()).as(path).isEqualTo(403);
        }

        Page reviewer = new WebClient(gw.webPort()).login("rita", PASSWORD);
        assertThat(reviewer.location()).isEqualTo("/quarantine");
    }

    // ---- leave pages -----------------------------------------------------------------------------

    @Test
    void staffSetTheirOwnLeaveAndSeeItListedAndAudited() throws Exception {
        WebClient jane = as(JANE);
        LocalDate from = today.plusDays(10);
        Page set = setLeave(jane, JANE, from, from.plusDays(2), CONTACT);
        assertThat(set.status()).as(set.body()).isEqualTo(303);
        assertThat(set.location()).isEqualTo("/leave");
        Page page = jane.get("/leave");
        assertThat(page.body()).contains("Leave set for " + JANE, days(from, from.plusDays(2)), CONTACT);
        assertThat(leaveOf(JANE)).anySatisfy(p -> {
            assertThat(p.firstDay()).isEqualTo(from);
            assertThat(p.source()).isEqualTo(LeavePeriod.Source.WEB);
            assertThat(p.message()).isEqualTo("I am at the county show.");
        });
        assertThat(audit(JANE, "LEAVE_ADD")).anySatisfy(e -> assertThat(e.detail()).contains("of " + JANE, from.toString())
                .doesNotContain("county show"));
    }

    @Test
    void staffCannotSetAColleaguesLeave() throws Exception {
        WebClient sam = as(SAM);
        assertThat(sam.get("/leave").body()).contains("<option value=\"" + SAM + "\"").doesNotContain(
                "<option value=\"" + JANE + "\"");
        Page refused = setLeave(sam, JANE, today.plusDays(40), today.plusDays(41), CONTACT);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("not for " + JANE);
        assertThat(leaveOf(JANE)).noneMatch(p -> p.firstDay().equals(today.plusDays(40)));
        assertThat(audit(SAM, "LEAVE_ADD")).isEmpty();
    }

    @Test
    void aLineManagerSetsLeaveForTheirTeamAndTheAuditNamesTheManager() throws Exception {
        WebClient pat = as(PAT);
        Page form = pat.get("/leave");
        assertThat(form.body()).contains("<option value=\"" + JANE + "\"", "Your team's leave");
        LocalDate from = today.plusDays(20);
        Page set = setLeave(pat, JANE, from, from.plusDays(1), CONTACT);
        assertThat(set.status()).as(set.body()).isEqualTo(303);
        assertThat(pat.get("/leave").body()).contains(JANE, days(from, from.plusDays(1)));
        long id = leaveOf(JANE).stream().filter(p -> p.firstDay().equals(from)).findFirst().orElseThrow().id();
        assertThat(audit(PAT, "LEAVE_ADD")).singleElement().satisfies(e -> {
            assertThat(e.detail()).contains("leave period " + id + " of " + JANE, "set by their line manager");
            assertThat(e.client()).isEqualTo("127.0.0.1");
        });

        Page removed = pat.post("/leave/" + id + "/remove");
        assertThat(removed.status()).isEqualTo(303);
        assertThat(leaveOf(JANE)).noneMatch(p -> p.id() == id);
        assertThat(audit(PAT, "LEAVE_REMOVE")).singleElement().satisfies(e -> assertThat(e.detail()).contains(JANE));
    }

    @Test
    void showsEachProblemNextToItsFieldAndKeepsWhatWasTyped() throws Exception {
        WebClient sam = as(SAM);
        Page bad = setLeave(sam, SAM, today.plusDays(5), today.plusDays(3), "");
        assertThat(bad.status()).isEqualTo(422);
        String body = bad.body();
        assertThat(body).contains("<p class=\"field-error\" id=\"f-until-error\"><span class=\"visually-hidden\">Error: "
                + "</span>The last day away", "<p class=\"field-error\" id=\"f-alternative-contact-error\">");
        assertThat(body).containsPattern("<input id=\"f-until\" name=\"until\" type=\"text\" value=\""
                + today.plusDays(3) + "\"[^>]*aria-describedby=\"f-until-hint f-until-error\" aria-invalid=\"true\"");
        assertThat(body).containsPattern("<textarea id=\"f-message\"[^>]*>I am at the county show.</textarea>");
        assertThat(body).contains("<a href=\"#f-until\">", "<label for=\"f-from\">");
        assertThat(body).doesNotContain("id=\"f-from-error\"", "<script");
        assertThat(leaveOf(SAM)).isEmpty();
    }

    @Test
    void staffChangeTheirOwnPeriodWithProblemsShownNextToTheFields() throws Exception {
        String ria = "ria.khan@council.example";
        gw.gateway().users().add(ria, Role.STAFF, PASSWORD);
        WebClient staff = as(ria);
        LocalDate from = today.plusDays(60);
        assertThat(setLeave(staff, ria, from, from.plusDays(2), CONTACT).status()).isEqualTo(303);
        long id = leaveOf(ria).stream().filter(p -> p.firstDay().equals(from)).findFirst().orElseThrow().id();
        assertThat(staff.get("/leave").body()).contains("href=\"/leave/" + id + "/edit#leave-form\"");

        Page edit = staff.get("/leave/" + id + "/edit");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body()).contains("Change leave period " + id, "action=\"/leave/" + id + "\"",
                "value=\"" + from + "\"", "value=\"" + CONTACT + "\"", "id=\"save-leave\"")
                .containsPattern("<textarea id=\"f-message\"[^>]*>I am at the county show.</textarea>");

        Page bad = staff.post("/leave/" + id, "address", ria, "from", from.toString(), "until",
                from.plusDays(4).toString(), "returning", from.plusDays(1).toString(), "alternative_contact",
                "Reception", "message", "Now at the county show and the fair.", "internal_message", "",
                "external_message", "");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("action=\"/leave/" + id + "\"", "id=\"f-returning-error\"",
                "must be after the last day away", "id=\"f-alternative-contact-error\"", "value=\"Reception\"")
                .doesNotContain("id=\"f-from-error\"");
        assertThat(leaveOf(ria)).filteredOn(p -> p.id() == id).singleElement()
                .satisfies(p -> assertThat(p.lastDay()).isEqualTo(from.plusDays(2)));

        Page ok = staff.post("/leave/" + id, "address", ria, "from", from.toString(), "until",
                from.plusDays(4).toString(), "returning", "", "alternative_contact", "Lee Ward, 01632 960555",
                "message", "Now at the county show and the fair.", "internal_message", "", "external_message", "");
        assertThat(ok.status()).as(ok.body()).isEqualTo(303);
        assertThat(staff.get("/leave").body()).contains("Leave changed for " + ria, days(from, from.plusDays(4)),
                "Lee Ward, 01632 960555");
        assertThat(leaveOf(ria)).filteredOn(p -> p.id() == id).singleElement().satisfies(p -> {
            assertThat(p.lastDay()).isEqualTo(from.plusDays(4));
            assertThat(p.message()).isEqualTo("Now at the county show and the fair.");
        });
        assertThat(audit(ria, "LEAVE_CHANGE")).singleElement().satisfies(e -> assertThat(e.detail())
                .contains("leave period " + id + " of " + ria, "was " + from + " to " + from.plusDays(2),
                        "alternative contact changed", "own text changed")
                .doesNotContain("Lee Ward", "county show"));
    }

    @Test
    void aLineManagerChangesTheirTeamsPeriodButNobodyElseCan() throws Exception {
        LocalDate from = today.plusDays(70);
        assertThat(setLeave(as(JANE), JANE, from, from, CONTACT).status()).isEqualTo(303);
        long id = leaveOf(JANE).stream().filter(p -> p.firstDay().equals(from)).findFirst().orElseThrow().id();

        WebClient lee = as(LEE);
        Page peek = lee.get("/leave/" + id + "/edit");
        assertThat(peek.status()).isEqualTo(403);
        assertThat(peek.body()).contains("not for " + JANE);
        lee.get("/leave");
        assertThat(lee.post("/leave/" + id, "address", LEE, "from", from.toString(), "until", from.toString(),
                "alternative_contact", CONTACT).status()).isEqualTo(403);

        WebClient pat = as(PAT);
        Page edit = pat.get("/leave/" + id + "/edit");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body()).contains("<option value=\"" + JANE + "\" selected>");
        Page ok = pat.post("/leave/" + id, "address", JANE, "from", from.toString(), "until",
                from.plusDays(1).toString(), "returning", "", "alternative_contact", CONTACT, "message", "",
                "internal_message", "", "external_message", "");
        assertThat(ok.status()).as(ok.body()).isEqualTo(303);
        assertThat(leaveOf(JANE)).filteredOn(p -> p.id() == id).singleElement().satisfies(p -> {
            assertThat(p.lastDay()).isEqualTo(from.plusDays(1));
            assertThat(p.changedBy()).isEqualTo(PAT);
        });
        assertThat(audit(PAT, "LEAVE_CHANGE")).singleElement().satisfies(e -> assertThat(e.detail())
                .contains("of " + JANE, "set by their line manager"));
        assertThat(audit(LEE, "LEAVE_CHANGE")).isEmpty();
    }

    @Test
    void aPeriodThatIsNotThereIsNotFoundAndSomeoneElsesIsForbidden() throws Exception {
        WebClient sam = as(SAM);
        sam.get("/leave");
        assertThat(sam.post("/leave/987654/remove").status()).isEqualTo(404);
        assertThat(sam.post("/leave/987654", "address", SAM, "from", "2030-01-01", "until", "2030-01-02",
                "alternative_contact", CONTACT).status()).isEqualTo(404);
        Page missing = sam.get("/leave/987654/edit");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no leave period 987654");
        assertThat(sam.get("/leave/not-a-number/edit").status()).isEqualTo(404);

        LocalDate from = today.plusDays(80);
        assertThat(setLeave(as(LEE), LEE, from, from, CONTACT).status()).isEqualTo(303);
        long id = leaveOf(LEE).stream().filter(p -> p.firstDay().equals(from)).findFirst().orElseThrow().id();
        sam.get("/leave");
        Page forbidden = sam.post("/leave/" + id + "/remove");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(leaveOf(LEE)).anyMatch(p -> p.id() == id);
    }

    // ---- JSON API ----------------------------------------------------------------------------------

    Page api(String method, String path, String token, String body) throws Exception {
        WebClient c = new WebClient(gw.webPort());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.base() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return c.send(b);
    }

    @Test
    void theApiAddsListsAndRemovesLeaveWithTheSameRules() throws Exception {
        String token = gw.gateway().users().createToken(PAT, "hr-system");
        LocalDate from = today.plusDays(30);
        Page added = api("POST", "/api/v1/leave", token, "{\"address\":\"" + JANE + "\",\"from\":\"" + from
                + "\",\"until\":\"" + from.plusDays(4) + "\",\"alternative_contact\":\"" + CONTACT + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        JsonNode period = json.readTree(added.body());
        long id = period.get("id").asLong();
        assertThat(period.get("address").asText()).isEqualTo(JANE);
        assertThat(period.get("source").asText()).isEqualTo("api");
        assertThat(audit(PAT, "LEAVE_ADD")).anySatisfy(e -> assertThat(e.detail()).contains("leave period " + id));

        JsonNode listed = json.readTree(api("GET", "/api/v1/leave?address=" + JANE, token, null).body());
        assertThat(listed.get("periods").findValuesAsText("id")).contains(String.valueOf(id));
        assertThat(api("GET", "/api/v1/leave?address=" + SAM, token, null).status()).isEqualTo(403);

        Page invalid = api("POST", "/api/v1/leave", token, "{\"from\":\"2026-02-30\",\"until\":\"soon\"}");
        assertThat(invalid.status()).isEqualTo(422);
        JsonNode errors = json.readTree(invalid.body()).get("errors");
        assertThat(errors.get("from").asText()).contains("is not a date");
        assertThat(errors.get("until").asText()).contains("is not a date");
        assertThat(errors.get("alternative_contact").asText()).startsWith("Give an alternative contact");

        String samToken = gw.gateway().users().createToken(SAM, "mine");
        Page forbidden = api("POST", "/api/v1/leave", samToken, "{\"address\":\"" + JANE + "\",\"from\":\"" + from
                + "\",\"until\":\"" + from + "\",\"alternative_contact\":\"" + CONTACT + "\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(json.readTree(forbidden.body()).get("error").asText()).contains("not for " + JANE);
        assertThat(api("DELETE", "/api/v1/leave/" + id, samToken, null).status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/leave", "not-a-token", null).status()).isEqualTo(401);

        Page changed = api("PUT", "/api/v1/leave/" + id, token, "{\"from\":\"" + from + "\",\"until\":\""
                + from.plusDays(6) + "\",\"alternative_contact\":\"" + CONTACT + "\",\"message\":\"Longer.\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode after = json.readTree(changed.body());
        assertThat(after.get("id").asLong()).isEqualTo(id);
        assertThat(after.get("address").asText()).as("kept without an address in the body").isEqualTo(JANE);
        assertThat(after.get("until").asText()).isEqualTo(from.plusDays(6).toString());
        assertThat(after.get("message").asText()).isEqualTo("Longer.");
        assertThat(audit(PAT, "LEAVE_CHANGE")).anySatisfy(e -> assertThat(e.detail()).contains("leave period " + id,
                "was " + from + " to " + from.plusDays(4)));
        Page badChange = api("PUT", "/api/v1/leave/" + id, token, "{\"from\":\"" + from + "\",\"until\":\""
                + from.minusDays(1) + "\",\"alternative_contact\":\"" + CONTACT + "\"}");
        assertThat(badChange.status()).isEqualTo(422);
        assertThat(json.readTree(badChange.body()).get("errors").get("until").asText())
                .contains("before the first day");
        assertThat(api("PUT", "/api/v1/leave/" + id, samToken, "{\"from\":\"" + from + "\",\"until\":\"" + from
                + "\",\"alternative_contact\":\"" + CONTACT + "\"}").status()).isEqualTo(403);
        assertThat(api("PUT", "/api/v1/leave/987654", token, "{\"from\":\"" + from + "\",\"until\":\"" + from
                + "\",\"alternative_contact\":\"" + CONTACT + "\"}").status()).isEqualTo(404);

        Page deleted = api("DELETE", "/api/v1/leave/" + id, token, null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(leaveOf(JANE)).noneMatch(p -> p.id() == id);
        assertThat(api("DELETE", "/api/v1/leave/" + id, token, null).status()).isEqualTo(404);
    }

    // ---- telephone messages ----------------------------------------------------------------------

    @Test
    void takesAMessageAfterShowingProblemsByFieldAndSendsItAsUrgentMail() throws Exception {
        WebClient lee = as(LEE);
        Page form = lee.get("/messages/new");
        assertThat(form.body()).contains("<label for=\"f-officer\">", "<label for=\"f-call-at\">",
                "<label for=\"f-caller-name\">", "<label for=\"f-caller-from\">", "<label for=\"f-return-number\">",
                "<label for=\"f-reason\">", "<label for=\"f-call-back-by\">");
        LocalDateTime now = LocalDateTime.now().withSecond(0).withNano(0);
        Page bad = lee.post("/messages", "officer", SAM, "call_at", MINUTES.format(now.minusMinutes(5)),
                "caller_name", "Ada Lovelace", "caller_from", "", "return_number", "ext 4567", "reason",
                "Her rent account", "call_back_by", MINUTES.format(now.plusHours(2)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"f-caller-from-error\"", "Give where the caller is from",
                "id=\"f-return-number-error\"", "'ext 4567' is not a whole phone number", "value=\"Ada Lovelace\"")
                .doesNotContain("id=\"f-caller-name-error\"");

        Page ok = lee.post("/messages", "officer", SAM, "call_at", MINUTES.format(now.minusMinutes(5)),
                "caller_name", "Ada Lovelace", "caller_from", "Lincoln Housing Trust", "return_number", "01632 960321",
                "reason", "Her rent account", "call_back_by", MINUTES.format(now.plusHours(2)), "urgent", "yes");
        assertThat(ok.status()).as(ok.body()).isEqualTo(303);
        assertThat(lee.get(ok.location()).body()).contains("Message from Ada Lovelace sent to " + SAM);

        await().atMost(Duration.ofSeconds(30)).until(() -> internal.received().stream()
                .anyMatch(r -> r.recipients().contains(SAM) && r.text().contains("Ada Lovelace")));
        TestSink.Received mail = internal.received().stream().filter(r -> r.recipients().contains(SAM)
                && r.text().contains("Ada Lovelace")).findFirst().orElseThrow();
        assertThat(mail.text()).contains("Importance: High", "Lincoln Housing Trust", "01632 960321")
                .containsPattern("(?m)^From: .*" + LEE);

        WebClient sam = as(SAM);
        Page mine = sam.get("/messages");
        assertThat(mine.body()).contains("Ada Lovelace", "Lincoln Housing Trust", "Her rent account", LEE, "Urgent",
                "Mark called back");
        assertThat(as(JANE).get("/messages").body()).doesNotContain("Ada Lovelace");
        Matcher button = java.util.regex.Pattern.compile("action=\"/messages/(\\d+)/called-back\"").matcher(mine.body());
        assertThat(button.find()).isTrue();
        Page marked = sam.post("/messages/" + button.group(1) + "/called-back");
        assertThat(sam.get(marked.location()).body()).contains("Marked as called back: Ada Lovelace.", "by " + SAM)
                .doesNotContain("Mark called back");
        assertThat(as(JANE).post("/messages/" + button.group(1) + "/called-back").location()).isEqualTo("/messages");
    }

    // ---- end to end -------------------------------------------------------------------------------

    @Test
    void leaveSetInTheBrowserAnswersMailOverSmtp() throws Exception {
        String kim = "kim.ng@council.example";
        gw.gateway().users().add(kim, Role.STAFF, PASSWORD);
        Page set = setLeave(as(kim), kim, today, today.plusDays(2), CONTACT);
        assertThat(set.status()).as(set.body()).isEqualTo(303);

        String alice = "alice@partner.example";
        String message = "From: Alice <" + alice + ">\r\nTo: Kim Ng <" + kim + ">\r\nSubject: Planning query\r\n"
                + "Message-ID: <e2e-leave@partner.example>\r\nDate: Mon, 1 Dec 2026 09:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello Kim.\r\n";
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(alice, List.of(kim), message), 250);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> external.received().stream()
                .anyMatch(r -> r.recipients().contains(alice) && r.text().contains("Auto-Submitted: auto-replied")));
        TestSink.Received reply = external.received().stream().filter(r -> r.recipients().contains(alice))
                .findFirst().orElseThrow();
        assertThat(reply.sender()).isEmpty();
        assertThat(reply.text()).contains("Subject: Auto: Planning query", CONTACT, "I am at the county show.");
    }

    /** A period's days as the pages show them. */
    private static String days(java.time.LocalDate first, java.time.LocalDate last) {
        return UkDates.longDate(first) + " to " + UkDates.longDate(last);
    }
}
