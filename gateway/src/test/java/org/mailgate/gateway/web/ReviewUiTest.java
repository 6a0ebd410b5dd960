package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.web.WebClient.Page;

/**
 * The review UI over real HTTP against a real gateway (classifier, policy, quarantine, store):
 * sign-in, sessions, CSRF, roles, what reviewers see, and what their decisions do to the mail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewUiTest {

    static final String PASSWORD = "correct horse battery staple";
    static final String SENSITIVE_BODY = "OFFICIAL-SENSITIVE: PERSONAL\r\n\r\nPatient: John Smith, date of birth "
            + "14/03/2011\r\nNHS number: 943 476 5919\r\nNational Insurance number: AB 12 34 56 C\r\n";

    @TempDir
    static Path dir;
    MutableClock clock = new MutableClock();
    TestSink internal;
    TestSink external;
    TestGateway gw;
    HeldMail held;

    @BeforeAll
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
                "web:\n  listen: 127.0.0.1:0\n  max_login_failures: 3\n  lockout: 15m\n  session_timeout: 30m\n",
                "policy:\n  sensitive_without_certificate: hold\n"),
                b -> b.clock(clock));
        held = new HeldMail(gw, dir);
        var users = gw.gateway().users();
        users.add("rita", Role.REVIEWER, PASSWORD);
        users.add("rob", Role.REVIEWER, PASSWORD);
        users.add("audrey", Role.AUDITOR, PASSWORD);
        users.add("adam", Role.ADMIN, PASSWORD);
        users.add("lou", Role.REVIEWER, PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    WebClient browser() {
        return new WebClient(gw.webPort());
    }

    WebClient as(String user) throws Exception {
        return browser().signedIn(user, PASSWORD);
    }

    long hold(String subject) throws Exception {
        return held.hold("worker@council.example", List.of("parent@home.example"), subject,
                HeldMail.plain("worker@council.example", "parent@home.example", subject, SENSITIVE_BODY));
    }

    QuarantineItem item(long id) throws Exception {
        return gw.gateway().quarantine().store().find(id).orElseThrow();
    }

    List<AuditLog.Entry> auditOf(long id) throws Exception {
        return gw.gateway().audit().list(Optional.empty(), Optional.empty(), Optional.of(id), Optional.empty(), 100);
    }

    // ---- signing in and out -----------------------------------------------------------------

    @Test
    void signsInAndOutAndTheOldCookieThenOpensNothing() throws Exception {
        WebClient b = browser();
        Page form = b.get("/login");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"name\">", "<label for=\"password\">");
        Page in = b.post("/login", "name", "rita", "password", PASSWORD);
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.location()).isEqualTo("/quarantine");
        assertThat(in.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("mg_session=")
                .contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure"));
        String cookie = b.cookies().get("mg_session");
        Page queue = b.get("/quarantine");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()).contains("rita", "Sign out");

        Page out = b.post("/logout");
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/login");
        assertThat(b.get("/login").body()).contains("You are signed out.");

        WebClient replay = browser();
        replay.cookies().put("mg_session", cookie);
        assertThat(replay.get("/quarantine").status()).isEqualTo(303);
        assertThat(gw.gateway().audit().list(Optional.of("rita"), Optional.of("LOGOUT"), Optional.empty(),
                Optional.empty(), 10)).singleElement().satisfies(e -> assertThat(e.client()).isEqualTo("127.0.0.1"));
    }

    @Test
    void anUnknownNameAndAWrongPasswordGetTheSameAnswerAndAreAudited() throws Exception {
        Page wrong = browser().login("rob", "not the password at all");
        Page unknown = browser().login("nobody-here", PASSWORD);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong name or password.");
        assertThat(unknown.body()).contains("Wrong name or password.");
        assertThat(wrong.all("Set-Cookie")).noneMatch(c -> c.startsWith("mg_session="));
        assertThat(gw.gateway().audit().list(Optional.of("nobody-here"), Optional.of("LOGIN_FAILED"), Optional.empty(),
                Optional.empty(), 10)).singleElement().satisfies(e -> assertThat(e.client()).isEqualTo("127.0.0.1"));
    }

    @Test
    void locksTheAccountAfterTooManyFailuresEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(browser().login("lou", "guess number " + i).body()).contains("Wrong name or password.");
        }
        Page locked = browser().login("lou", PASSWORD);
        assertThat(locked.status()).isEqualTo(401);
        // The same answer as for a name that does not exist: the page must not tell which names are real.
        for (int i = 0; i < 3; i++) {
            browser().login("no-such-account", "guess number " + i);
        }
        Page unknown = browser().login("no-such-account", PASSWORD);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(loginError(locked.body())).contains("Wrong name or password.").isEqualTo(loginError(unknown.body()));
        assertThat(gw.gateway().audit().list(Optional.of("lou"), Optional.of("LOGIN_FAILED"), Optional.empty(),
                Optional.empty(), 10)).hasSize(4);
        assertThat(gw.gateway().audit().list(Optional.of("lou"), Optional.of("LOGIN"), Optional.empty(),
                Optional.empty(), 10)).isEmpty();
    }

    @Test
    void aCookieSetBeforeLoginNeverBecomesAuthenticated() throws Exception {
        String planted = "A".repeat(43);
        WebClient victim = browser();
        victim.cookies().put("mg_session", planted);
        assertThat(victim.get("/quarantine").status()).isEqualTo(303);
        victim.login("rita", PASSWORD);
        assertThat(victim.cookies().get("mg_session")).isNotEqualTo(planted).hasSize(43);

        WebClient attacker = browser();
        attacker.cookies().put("mg_session", planted);
        Page p = attacker.get("/quarantine");
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).startsWith("/login");
    }

    @Test
    void aSessionEndsAfterTheIdleTimeout() throws Exception {
        WebClient b = as("rob");
        clock.advance(Duration.ofMinutes(29));
        assertThat(b.get("/quarantine").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertThat(b.get("/quarantine").status()).isEqualTo(303);
    }

    @Test
    void signedOutVisitorsAreSentToLoginAndApiCallersAreToldToAuthenticate() throws Exception {
        Page p = browser().get("/quarantine?status=any");
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).isEqualTo("/login?next=%2Fquarantine%3Fstatus%3Dany");
        assertThat(browser().get("/audit").location()).startsWith("/login");
        Page post = browser().postRaw("/quarantine/1/release", List.of("mode", "clear"));
        assertThat(post.status()).isEqualTo(303);
        assertThat(post.location()).isEqualTo("/login");
        Page api = browser().get("/api/v1/quarantine");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/json");
        assertThat(api.body()).contains("\"error\"");
        assertThat(browser().get("/health").status()).isEqualTo(200);
        assertThat(browser().get("/metrics").body()).contains("gateway_queue_depth");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        WebClient b = as("rita");
        for (Page p : List.of(browser().get("/login"), b.get("/quarantine"), b.get("/no/such/page"),
                browser().get("/api/v1/quarantine"))) {
            assertThat(p.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'self'; "
                    + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(p.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(p.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(p.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(p.header("Cache-Control")).isEqualTo("no-store");
            assertThat(p.header("Strict-Transport-Security")).as("no TLS here").isNull();
        }
        assertThat(b.get("/no/such/page").status()).isEqualTo(404);
        Page css = browser().get("/static/mailgate.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(b.get("/quarantine").body()).doesNotContain("<script");
    }

    // ---- CSRF and roles --------------------------------------------------------------------

    @Test
    void formsWithoutTheTokenWithAForgedOneOrFromAnotherSiteAreRefusedAndChangeNothing() throws Exception {
        long id = hold("CSRF target");
        WebClient rita = as("rita");
        Page missing = rita.postRaw("/quarantine/" + id + "/reject", List.of("reason", "forged"));
        Page forged = rita.postRaw("/quarantine/" + id + "/reject", List.of("reason", "forged", "csrf", "x".repeat(43)));
        Page otherSession = rita.postRaw("/quarantine/" + id + "/reject",
                List.of("reason", "forged", "csrf", as("rob").csrf()));
        Page crossSite = rita.origin("http://evil.example").post("/quarantine/" + id + "/reject", "reason", "forged");
        Page sandboxed = rita.origin("null").postHeader("Sec-Fetch-Site", "cross-site")
                .post("/quarantine/" + id + "/reject", "reason", "forged");
        Page sibling = rita.origin(null).postHeader("Sec-Fetch-Site", "same-site")
                .post("/quarantine/" + id + "/reject", "reason", "forged");
        rita.postHeader("Sec-Fetch-Site", null);
        Page bulk = rita.postRaw("/quarantine/bulk", List.of("id", String.valueOf(id), "action", "reject",
                "reason", "forged"));
        for (Page p : List.of(missing, forged, otherSession, crossSite, sandboxed, sibling, bulk)) {
            assertThat(p.status()).isEqualTo(403);
            assertThat(p.body()).contains("Not allowed");
        }
        Page logout = rita.postRaw("/logout", List.of());
        assertThat(logout.status()).isEqualTo(403);
        assertThat(item(id).status()).isEqualTo(Status.HELD);
        assertThat(auditOf(id)).extracting(AuditLog.Entry::action).doesNotContain("REJECT");

        // What Chromium sends for our own form under Referrer-Policy: no-referrer.
        Page sameSite = rita.origin("null").postHeader("Sec-Fetch-Site", "same-origin")
                .post("/quarantine/" + id + "/reject", "reason", "legitimate");
        assertThat(sameSite.status()).isEqualTo(303);
        assertThat(item(id).status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void anAuditorSeesTheQueueMessagesAndAuditLogButCannotAct() throws Exception {
        long id = held.hold("worker@council.example", List.of("parent@home.example"), "For the auditor",
                "Subject: For the auditor\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nNI AB 12 34 56 C\r\n--b\r\nContent-Type: text/csv\r\n"
                        + "Content-Disposition: attachment; filename=list.csv\r\n\r\na,b\r\n--b--\r\n");
        WebClient audrey = as("audrey");
        assertThat(audrey.get("/quarantine").body()).contains("For the auditor").doesNotContain("type=\"checkbox\"",
                "Release selected");
        Page message = audrey.get("/quarantine/" + id);
        assertThat(message.status()).isEqualTo(200);
        assertThat(message.body()).contains("NI AB 12 34 56 C", "list.csv")
                .doesNotContain("id=\"release-protected\"", "id=\"release-clear\"", "id=\"reject\"",
                        "/attachments/1\"");
        Page release = audrey.post("/quarantine/" + id + "/release", "mode", "clear", "justification",
                "auditors should not be able to do this");
        assertThat(release.status()).isEqualTo(403);
        assertThat(release.body()).contains("auditor");
        assertThat(audrey.get("/quarantine/" + id + "/attachments/1").status()).isEqualTo(403);
        assertThat(audrey.post("/quarantine/bulk", "id", String.valueOf(id), "action", "reject", "reason", "x")
                .status()).isEqualTo(403);
        assertThat(audrey.get("/admin/users").status()).isEqualTo(403);
        assertThat(audrey.get("/audit").status()).isEqualTo(200);
        assertThat(item(id).status()).isEqualTo(Status.HELD);
        assertThat(auditOf(id)).extracting(AuditLog.Entry::actor, AuditLog.Entry::action)
                .contains(org.assertj.core.groups.Tuple.tuple("audrey", "VIEW"));
    }

    @Test
    void reviewersCannotReadTheAuditLogOrManageAccounts() throws Exception {
        WebClient rob = as("rob");
        assertThat(rob.get("/audit").status()).isEqualTo(403);
        assertThat(rob.get("/audit.csv").status()).isEqualTo(403);
        assertThat(rob.get("/admin/users").status()).isEqualTo(403);
        Page add = rob.post("/admin/users", "name", "mallory", "role", "admin", "password", "mallory's password");
        assertThat(add.status()).isEqualTo(403);
        assertThat(gw.gateway().users().find("mallory")).isEmpty();
        assertThat(rob.get("/quarantine").body()).doesNotContain("href=\"/audit\"", "href=\"/admin/users\"");
    }

    /** The item page says why each finding was made: the masked context and the rule, escaped. */
    @Test
    void theItemPageShowsTheMaskedEvidenceAndRuleOfEachFinding() throws Exception {
        String classification = "{\"sensitive\":true,\"level\":\"HIGH\",\"findings\":[{\"type\":\"UK_NHS_NUMBER\","
                + "\"count\":1,\"confidence\":\"HIGH\",\"locations\":[\"body\"],\"samples\":[\"••• ••• ••19\"],"
                + "\"evidence\":[{\"snippet\":\"NHS no. ••• ••• ••19 for Mrs H••• <b>\",\"rule\":\"nhs-number-about-person\"}]}],"
                + "\"unscannable\":[]}";
        long id = held.hold("worker@council.example", List.of("gp@surgery.example"), "Referral",
                "Subject: Referral\r\n\r\nx\r\n", List.of("UK_NHS_NUMBER"), classification, java.time.Instant.now());
        Page message = as("rita").get("/quarantine/" + id);
        assertThat(message.status()).isEqualTo(200);
        assertThat(message.body()).contains("NHS numbers (UK_NHS_NUMBER)",
                "NHS no. ••• ••• ••19 for Mrs H••• &lt;b&gt; (nhs-number-about-person)");
    }

    // ---- hostile content -------------------------------------------------------------------

    @Test
    void scriptsInTheSubjectSenderAndHtmlBodyAreShownInert() throws Exception {
        String subject = "<script>alert('subject')</script> Invoice";
        String sender = "x\"><script>alert('sender')</script>@evil.example";
        long id = held.hold(sender, List.of("parent@home.example"), subject, "From: \"<script>alert('from')</script>\""
                + " <a@evil.example>\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p onmouseover=\"alert('p')\">Pay <b>now</b></p><script>alert('body')</script>"
                + "<img src=\"https://tracker.example/open.gif\" onerror=\"alert('img')\">"
                + "<a href=\"javascript:alert('link')\">here</a><a href=\"https://phish.example/pay\">pay</a>"
                + "<form action=\"https://evil.example/steal\"><input name=\"card\"></form>\r\n");
        held.hold("worker@council.example", List.of("parent@home.example"), "note", "Subject: note\r\n\r\nx\r\n");
        gw.gateway().quarantine().addSenderNote(id, QuarantineItem.NoteKind.FALSE_POSITIVE, "worker@council.example",
                "<script>alert('note')</script> it is fine", "127.0.0.1");
        WebClient rita = as("rita");
        Page queue = rita.get("/quarantine");
        Page message = rita.get("/quarantine/" + id);
        for (Page p : List.of(queue, message)) {
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body()).doesNotContain("<script", "alert('p')", "onmouseover", "onerror", "javascript:",
                    "tracker.example", "evil.example/steal", "name=\"card\"");
            assertThat(p.body()).contains("&lt;script&gt;alert(");
        }
        assertThat(message.body()).contains("Pay <b>now</b>", "Link (not followed): https://phish.example/pay")
                .doesNotContain("href=\"https://phish.example");
    }

    @Test
    void sqlInTheFiltersMatchesNothingAndBreaksNothing() throws Exception {
        hold("Ordinary item for the SQL test");
        WebClient rita = as("rita");
        for (String attack : List.of("' OR 1=1 --", "%' OR '1'='1", "x'; DROP TABLE quarantine_item; --")) {
            String q = java.net.URLEncoder.encode(attack, java.nio.charset.StandardCharsets.UTF_8);
            for (String param : List.of("q", "sender", "domain")) {
                Page p = rita.get("/quarantine?status=any&" + param + "=" + q);
                assertThat(p.status()).as(param + "=" + attack).isEqualTo(200);
                assertThat(p.body()).contains("<strong>0</strong> items match", "No items match these filters.");
            }
            Page type = rita.get("/quarantine?type=" + q);
            assertThat(type.status()).isEqualTo(200);
            assertThat(type.body()).contains("Filter not applied");
        }
        assertThat(rita.get("/quarantine?before=1%20OR%201%3D1").status()).isEqualTo(200);
        assertThat(rita.get("/audit").status()).isEqualTo(403);
        assertThat(as("audrey").get("/audit?item=1%20OR%201%3D1").body()).contains("Filter not applied");
        assertThat(gw.gateway().quarantine().store().list(QuarantineFilter.all(10)).total()).isPositive();
    }

    // ---- decisions -------------------------------------------------------------------------

    private long heldBySmtp(String subject) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("worker@council.example", List.of("parent@home.example"),
                    "From: worker@council.example\r\nTo: parent@home.example\r\nSubject: " + subject
                            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + SENSITIVE_BODY),
                    250);
        }
        QuarantineFilter bySubject = new QuarantineFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(subject),
                Optional.empty(), 10);
        await().atMost(Duration.ofSeconds(90)).until(() ->
                gw.gateway().quarantine().store().list(bySubject).total() == 1);
        return gw.gateway().quarantine().store().list(bySubject).items().get(0).id();
    }

    @Test
    void mailHeldOverSmtpIsReviewedAndReleasedInClearToTheNextHop() throws Exception {
        long id = heldBySmtp("Referral for J. Smith");
        WebClient rita = as("rita");
        Page queue = rita.get("/quarantine");
        assertThat(queue.body()).contains("Referral for J. Smith", "worker@council.example", "parent@home.example",
                "UK_NINO");
        Page message = rita.get("/quarantine/" + id);
        assertThat(message.status()).isEqualTo(200);
        assertThat(message.body()).contains("UK_NINO", "UK_NHS_NUMBER", "National Insurance number: AB 12 34 56 C",
                "no certificate", "id=\"release-clear\"").doesNotContain("943 476 5919</td>");
        assertThat(auditOf(id)).extracting(AuditLog.Entry::actor, AuditLog.Entry::action)
                .contains(org.assertj.core.groups.Tuple.tuple("rita", "VIEW"));

        Page tooShort = rita.post("/quarantine/" + id + "/release", "mode", "clear", "justification", "ok");
        assertThat(rita.get(tooShort.location()).body()).contains("at least 10 characters");
        assertThat(item(id).status()).isEqualTo(Status.HELD);

        Page released = rita.post("/quarantine/" + id + "/release", "mode", "clear", "justification",
                "Parent asked for the referral by phone; confirmed address");
        assertThat(released.location()).isEqualTo("/quarantine");
        assertThat(rita.get("/quarantine").body()).contains("Item " + id + ": Released");
        await().atMost(Duration.ofSeconds(30)).until(() -> external.received().stream()
                .anyMatch(r -> r.text().contains("Subject: Referral for J. Smith")));
        TestSink.Received out = external.received().stream()
                .filter(r -> r.text().contains("Subject: Referral for J. Smith")).findFirst().orElseThrow();
        assertThat(out.recipients()).containsExactly("parent@home.example");
        assertThat(out.text()).contains("National Insurance number: AB 12 34 56 C", "NHS number: 943 476 5919");
        byte[] original = gw.gateway().quarantine().open(id, "test", "VIEW", "compare", "test").orElseThrow()
                .readAllBytes();
        assertThat(new String(out.data(), java.nio.charset.StandardCharsets.UTF_8))
                .endsWith(new String(original, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(item(id).status()).isEqualTo(Status.RELEASED);
        assertThat(item(id).decidedBy()).isEqualTo("rita");
        assertThat(auditOf(id)).extracting(AuditLog.Entry::action).contains("HOLD", "VIEW", "RELEASE_CLEAR");

        Page again = as("rob").post("/quarantine/" + id + "/reject", "reason", "too late");
        assertThat(as("rob").get(again.location()).status()).isEqualTo(200);
    }

    @Test
    void rejectingDeliversNothingAndRecordsTheReason() throws Exception {
        long id = hold("To be rejected");
        WebClient rob = as("rob");
        Page noReason = rob.post("/quarantine/" + id + "/reject", "reason", "  ");
        assertThat(rob.get(noReason.location()).body()).contains("Give a reason");
        Page rejected = rob.post("/quarantine/" + id + "/reject", "reason", "Contains NI numbers; use the portal");
        assertThat(rejected.location()).isEqualTo("/quarantine");
        assertThat(rob.get("/quarantine").body()).contains("Item " + id + ": Rejected.");
        QuarantineItem i = item(id);
        assertThat(i.status()).isEqualTo(Status.REJECTED);
        assertThat(i.decisionNote()).isEqualTo("Contains NI numbers; use the portal");
        Page page = rob.get("/quarantine/" + id);
        assertThat(page.body()).contains("rejected by rob", "Contains NI numbers; use the portal")
                .doesNotContain("id=\"release-clear\"");
        Thread.sleep(1500);
        assertThat(external.received()).noneMatch(r -> r.text().contains("Subject: To be rejected"));
    }

    @Test
    void whenTwoReviewersDecideAtOnceExactlyOneWinsAndTheOtherIsToldItWasAlreadyDecided() throws Exception {
        long id = hold("Contested");
        WebClient rita = as("rita");
        WebClient rob = as("rob");
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Page>> results = new ArrayList<>();
            for (Callable<Page> c : List.<Callable<Page>>of(() -> {
                barrier.await();
                return rita.post("/quarantine/" + id + "/reject", "reason", "rita says no");
            }, () -> {
                barrier.await();
                return rob.post("/quarantine/" + id + "/release", "mode", "clear", "justification",
                        "rob says yes, confirmed with the sender");
            })) {
                results.add(pool.submit(c));
            }
            Page ritas = results.get(0).get();
            Page robs = results.get(1).get();
            List<String> locations = List.of(ritas.location(), robs.location());
            assertThat(locations).containsExactlyInAnyOrder("/quarantine", "/quarantine/" + id);
            WebClient loser = ritas.location().equals("/quarantine") ? rob : rita;
            String winner = ritas.location().equals("/quarantine") ? "rita" : "rob";
            assertThat(loser.get("/quarantine/" + id).body()).contains("Already decided", "by " + winner);
        } finally {
            pool.shutdownNow();
        }
        assertThat(auditOf(id)).extracting(AuditLog.Entry::action).filteredOn(a -> a.startsWith("RE")).hasSize(1);
    }

    @Test
    void filtersAndPagesTheQueueNewestFirst() throws Exception {
        java.time.Instant t = java.time.Instant.parse("2026-03-02T10:00:00Z");
        for (int i = 0; i < 55; i++) {
            held.hold("pager@council.example", List.of(i % 2 == 0 ? "a@nhs.example" : "b@law.example"),
                    "Paged item " + i, "Subject: Paged item " + i + "\r\n\r\nx\r\n",
                    i == 7 ? List.of("IBAN") : List.of("UK_NINO"), HeldMail.NINO_FINDINGS, t.plusSeconds(i));
        }
        WebClient audrey = as("audrey");
        Page first = audrey.get("/quarantine?sender=pager%40");
        assertThat(first.body()).contains("<strong>55</strong> items match", "Paged item 54", "Paged item 5<")
                .doesNotContain("Paged item 4<");
        String older = first.body().replaceAll("(?s).*<a href=\"([^\"]+)\" rel=\"next\".*", "$1").replace("&amp;", "&");
        assertThat(older).startsWith("/quarantine?sender=pager%40&before=");
        Page second = audrey.get(older);
        assertThat(second.body()).contains("Paged item 4<", "Paged item 0<", "Newest").doesNotContain("Paged item 5<",
                "rel=\"next\"");
        assertThat(audrey.get("/quarantine?sender=pager%40&domain=law.example").body())
                .contains("<strong>27</strong> items match");
        assertThat(audrey.get("/quarantine?sender=pager%40&type=IBAN").body()).contains("<strong>1</strong> item matches",
                "Paged item 7<");
        assertThat(audrey.get("/quarantine?sender=pager%40&from=2026-03-02&until=2026-03-02").body())
                .contains("<strong>55</strong> items match");
        assertThat(audrey.get("/quarantine?sender=pager%40&from=2026-03-03").body())
                .contains("<strong>0</strong> items match");
        assertThat(audrey.get("/quarantine?q=paged+item+13").body()).contains("<strong>1</strong> item matches");
        assertThat(audrey.get("/quarantine?sender=pager%40&status=rejected").body())
                .contains("<strong>0</strong> items match");
        assertThat(audrey.get("/quarantine?from=yesterday").body()).contains("from must be a date");
    }

    @Test
    void bulkRejectAndBulkReleaseReportEveryOutcome() throws Exception {
        long a = hold("Bulk A");
        long b = hold("Bulk B");
        long c = hold("Bulk C");
        WebClient rita = as("rita");
        Page noReason = rita.post("/quarantine/bulk", "id", String.valueOf(a), "id", String.valueOf(b),
                "action", "reject", "back", "/quarantine?q=Bulk");
        assertThat(noReason.location()).isEqualTo("/quarantine?q=Bulk&selected=" + a + "," + b);
        String again = rita.get(noReason.location()).body();
        assertThat(again).contains("Give a reason")
                .containsPattern("id=\"select-" + a + "\"[^>]*checked").containsPattern("id=\"select-" + b + "\"[^>]*checked");
        assertThat(item(a).status()).isEqualTo(Status.HELD);

        Page rejected = rita.post("/quarantine/bulk", "id", String.valueOf(a), "id", String.valueOf(b),
                "action", "reject", "reason", "Send these through the portal", "back", "https://evil.example/");
        assertThat(rejected.location()).isEqualTo("/quarantine");
        assertThat(rita.get("/quarantine").body()).contains("Rejected: 2 of 2 item(s).");
        assertThat(item(a).status()).isEqualTo(Status.REJECTED);
        assertThat(item(b).status()).isEqualTo(Status.REJECTED);

        Page release = rita.post("/quarantine/bulk", "id", String.valueOf(b), "id", String.valueOf(c),
                "action", "release");
        String shown = rita.get(release.location()).body();
        // Without a certificate "protected" means the secure portal: c goes, b was already decided.
        assertThat(shown).contains("Released (protected): 1 of 2 item(s).", "#" + b + ": Already decided");
        assertThat(release.location()).endsWith("selected=" + b);
        assertThat(item(c).status()).isEqualTo(Status.RELEASED);
    }

    @Test
    void aProtectedReleaseToThePortalShowsTheSubjectOnlyWhenItHoldsNoPersonalData() throws Exception {
        long plain = held.hold("worker@council.example", List.of("minutes@ext.example"), "Minutes of Tuesday",
                HeldMail.plain("worker@council.example", "minutes@ext.example", "Minutes of Tuesday", SENSITIVE_BODY));
        long personal = held.hold("worker@council.example", List.of("about@ext.example"), "About AB 12 34 56 C",
                HeldMail.plain("worker@council.example", "about@ext.example", "About AB 12 34 56 C", SENSITIVE_BODY));
        WebClient rita = as("rita");
        for (long id : new long[] {plain, personal}) {
            assertThat(rita.post("/quarantine/" + id + "/release", "mode", "protected").status()).isEqualTo(303);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> portalNotice("minutes@ext.example") != null
                && portalNotice("about@ext.example") != null);
        assertThat(portalNotice("minutes@ext.example")).contains("Subject: Minutes of Tuesday");
        assertThat(portalNotice("about@ext.example")).doesNotContain("About", "AB 12 34 56 C");
    }

    /** The secure portal's notice to {@code recipient}, or null. */
    String portalNotice(String recipient) {
        return external.received().stream().map(TestSink.Received::text)
                .filter(t -> t.contains("Subject: Secure message from") && t.contains("(" + recipient + ")"))
                .findFirst().orElse(null);
    }

    @Test
    void attachmentsDownloadAsOpaqueFilesAndEachDownloadIsAudited() throws Exception {
        String html = "<html><script>alert(1)</script></html>";
        long id = held.hold("worker@council.example", List.of("parent@home.example"), "With attachment",
                "Subject: With attachment\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                        + "--b\r\nContent-Type: text/html; name=\"x.html\"\r\nContent-Disposition: attachment; "
                        + "filename=\"page\\\".html\"\r\n\r\n" + html + "\r\n--b--\r\n");
        WebClient rita = as("rita");
        assertThat(rita.get("/quarantine/" + id).body()).contains("href=\"/quarantine/" + id + "/attachments/1\"");
        Page d = rita.get("/quarantine/" + id + "/attachments/1");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(d.header("Content-Disposition")).startsWith("attachment; filename=\"page_.html\"");
        assertThat(d.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(d.body()).isEqualTo(html);
        assertThat(rita.get("/quarantine/" + id + "/attachments/2").status()).isEqualTo(404);
        assertThat(auditOf(id)).extracting(AuditLog.Entry::actor, AuditLog.Entry::action)
                .contains(org.assertj.core.groups.Tuple.tuple("rita", "DOWNLOAD"));
    }

    @Test
    void malformedMimeStillGivesAPageWithWhatCouldBeRead() throws Exception {
        long id = held.hold("worker@council.example", List.of("parent@home.example"), "Broken",
                "Subject: Broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain; charset=x-unheard-of\r\n\r\nstill readable\r\n"
                        + "--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@\r\n"
                        + "--b\r\nContent-Type: multipart/alternative\r\n\r\nno boundary here\r\n");
        Page p = as("rita").get("/quarantine/" + id);
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("still readable", "could not be read normally", "id=\"release-clear\"");
        long nonsense = held.hold("worker@council.example", List.of("parent@home.example"), "Nonsense",
                "\u0000\u0001garbage without any header\r\n\r\n\u00ff\u00fe");
        assertThat(as("rita").get("/quarantine/" + nonsense).status()).isEqualTo(200);
        assertThat(as("rita").get("/quarantine/999999999").status()).isEqualTo(404);
        assertThat(as("rita").get("/quarantine/abc").status()).isEqualTo(404);
    }

    // ---- audit log and accounts ------------------------------------------------------------

    @Test
    void theAuditLogShowsAndExportsTheActionsAndTheExportIsItselfAudited() throws Exception {
        long id = hold("Audited");
        WebClient rita = as("rita");
        rita.get("/quarantine/" + id);
        rita.get("/quarantine/" + id); // a reload within the minute: the same look, recorded once
        assertThat(gw.gateway().audit().list(Optional.of("rita"), Optional.of("VIEW"), Optional.of(id),
                Optional.empty(), 10)).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        rita.get("/quarantine/" + id);
        assertThat(gw.gateway().audit().list(Optional.of("rita"), Optional.of("VIEW"), Optional.of(id),
                Optional.empty(), 10)).hasSize(2);
        rita.post("/quarantine/" + id + "/reject", "reason", "audit me");
        WebClient audrey = as("audrey");
        Page page = audrey.get("/audit?item=" + id);
        assertThat(page.body()).contains("<td class=\"action\">REJECT", "audit me", "<td class=\"action\">VIEW")
                .doesNotContain("<td class=\"action\">LOGIN");
        assertThat(audrey.get("/audit?actor=rita&action=reject").body()).contains("audit me");
        // The action filter is a list; days are written as in the UK; the Client column holds addresses only.
        String filtered = audrey.get("/audit?action=REJECT&from=" + java.net.URLEncoder.encode(
                java.time.LocalDate.now(clock).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu")),
                java.nio.charset.StandardCharsets.UTF_8)).body();
        assertThat(filtered).contains("audit me", "<select id=\"a-action\" name=\"action\">",
                "<option value=\"REJECT\" selected>").doesNotContain("Filter not applied");
        assertThat(audrey.get("/audit?from=" + java.net.URLEncoder.encode(java.time.LocalDate.now(clock).plusDays(1)
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu")), java.nio.charset.StandardCharsets.UTF_8))
                .body()).doesNotContain("audit me");
        assertThat(audrey.get("/audit?from=31/02/2026").body()).contains("Filter not applied: from must be a date");
        Page csv = audrey.get("/audit.csv?item=" + id);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment");
        assertThat(csv.body()).startsWith("id,time,actor,action,item,detail,client\r\n")
                .contains("\"rita\",\"REJECT\"," + id + ",\"audit me\",\"127.0.0.1\"", "\"VIEW\"");
        assertThat(audrey.get("/audit.csv").body()).contains("\"audrey\",\"AUDIT_EXPORT\"", "\"LOGIN\"");
        assertThat(gw.gateway().audit().list(Optional.of("audrey"), Optional.of("AUDIT_EXPORT"), Optional.empty(),
                Optional.empty(), 10)).hasSize(2);
    }

    @Test
    void anAdminAddsDisablesAndEnablesAccountsAndIssuesTokensThatWorkOnTheApi() throws Exception {
        WebClient adam = as("adam");
        assertThat(adam.get("/admin/users").body()).contains("rita", "audrey", "Add an account");
        Page weak = adam.post("/admin/users", "name", "newbie", "role", "reviewer", "password", "short");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body()).contains("at least 12 characters");
        Page added = adam.post("/admin/users", "name", "newbie", "role", "reviewer", "password", PASSWORD);
        assertThat(added.status()).isEqualTo(303);
        assertThat(adam.get("/admin/users").body()).contains("Added newbie (reviewer).");
        assertThat(adam.post("/admin/users", "name", "newbie", "role", "admin", "password", PASSWORD).body())
                .contains("already exists");
        assertThat(gw.gateway().users().find("newbie").orElseThrow().role()).isEqualTo(Role.REVIEWER);

        WebClient newbie = as("newbie");
        adam.get("/admin/users");
        assertThat(adam.post("/admin/users/newbie/disable").status()).isEqualTo(303);
        assertThat(newbie.get("/quarantine").status()).as("a disabled account's session stops").isEqualTo(303);
        assertThat(browser().login("newbie", PASSWORD).status()).isEqualTo(401);
        adam.get("/admin/users");
        adam.post("/admin/users/newbie/enable");
        assertThat(browser().login("newbie", PASSWORD).status()).isEqualTo(303);
        adam.get("/admin/users");
        assertThat(adam.post("/admin/users/adam/disable").location()).isEqualTo("/admin/users");
        assertThat(gw.gateway().users().find("adam").orElseThrow().disabled()).isFalse();

        adam.get("/admin/users");
        Page token = adam.post("/admin/users/newbie/tokens", "label", "scripts");
        assertThat(token.status()).isEqualTo(200);
        String value = token.body().replaceAll("(?s).*<code id=\"new-token\">([^<]+)</code>.*", "$1");
        assertThat(value).startsWith("mgt_");
        assertThat(adam.get("/admin/users").body()).doesNotContain(value);
        var api = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + gw.webPort() + "/api/v1/quarantine"))
                .header("Authorization", "Bearer " + value).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(gw.gateway().audit().list(Optional.of("adam"), Optional.empty(), Optional.empty(), Optional.empty(),
                50)).extracting(AuditLog.Entry::action).contains("USER_ADD", "USER_DISABLE", "USER_ENABLE",
                "TOKEN_CREATE");
        assertThat(gw.gateway().audit().list(Optional.of("adam"), Optional.of("TOKEN_CREATE"), Optional.empty(),
                Optional.empty(), 5)).allSatisfy(e -> assertThat(e.detail()).doesNotContain(value));
    }

    private static String loginError(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"login-error\">([^<]*)<").matcher(page);
        assertThat(m.find()).as("the login page shows an error").isTrue();
        return m.group(1);
    }
}
