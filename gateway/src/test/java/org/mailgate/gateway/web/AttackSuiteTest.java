package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.testing.Parallel;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.web.WebClient.Page;

/**
 * What an attacker would send to a running gateway over HTTP, each against the defence that
 * must hold (docs/security.md lists the OWASP ASVS requirements and which test covers each).
 * The findings of the last security review are here (parallel logins, enumeration, tokens that
 * outlive a change, the release mode, Origin, Jetty's own pages, limit), and so is what held
 * already: the role × route matrix, IDOR on items, CSRF with another session's token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackSuiteTest {

    static final String PASSWORD = "a long enough password";

    @TempDir
    static Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    HeldMail held;

    @BeforeAll
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "web:\n  listen: 127.0.0.1:0\n  public_url: https://mailgate.council.example\n"
                        + "  max_login_failures: 5\n  lockout: 15m\n"));
        held = new HeldMail(gw, dir);
        for (Role r : Role.values()) {
            gw.gateway().users().add(user(r), r, PASSWORD);
        }
    }

    @AfterAll
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    private static String user(Role r) {
        return r == Role.STAFF ? "sam.staff@council.example" : r.label() + "-1";
    }

    private WebClient as(Role r) throws Exception {
        WebClient c = new WebClient(gw.webPort());
        Page p = c.login(user(r), PASSWORD);
        assertThat(p.status()).as("login as " + r).isEqualTo(303);
        c.get(r.canReview() ? "/quarantine" : "/leave");
        return c;
    }

    // ---- 1. parallel logins ---------------------------------------------------------------------

    /** 100 wrong passwords at once from 100 addresses: five are checked, then the right one is refused. */
    @Test
    void aBurstOfParallelWrongLoginsFromManyAddressesGetsFiveCheckedAndLocks() throws Exception {
        gw.gateway().users().add("burst-victim", Role.REVIEWER, PASSWORD);
        List<Integer> statuses = Parallel.all(100, i -> login("127.0.1." + (i + 1), "burst-victim", "guess " + i));
        assertThat(statuses).containsOnly(401);
        assertThat(failures("burst-victim", "wrong name or password")).isEqualTo(5);
        assertThat(failures("burst-victim", "account locked")).isEqualTo(95);
        assertThat(login("127.0.1.200", "burst-victim", PASSWORD)).as("right password after the lock").isEqualTo(401);
    }

    /** 39 wrong and the right one at once (the attack): at most five checked, and the account ends locked. */
    @Test
    void theRightPasswordHiddenInABurstDoesNotLetTheOthersBeChecked() throws Exception {
        gw.gateway().users().add("mixed-victim", Role.REVIEWER, PASSWORD);
        List<Integer> statuses = Parallel.all(40, i -> login("127.0.2." + (i + 1), "mixed-victim",
                i == 25 ? PASSWORD : "guess " + i));
        long signedIn = statuses.stream().filter(s -> s == 303).count();
        assertThat(signedIn).isLessThanOrEqualTo(1);
        assertThat(failures("mixed-victim", "wrong name or password") + signedIn).isLessThanOrEqualTo(5);
        assertThat(gw.gateway().users().find("mixed-victim").orElseThrow().lockedUntil())
                .isAfter(java.time.Instant.now());
    }

    /** One address may fail 20 times in the window, however the requests are timed. */
    @Test
    void oneAddressIsThrottledAfterTwentyAttemptsEvenInParallel() throws Exception {
        List<Integer> statuses = Parallel.all(40, i -> login("127.0.3.7", "nobody-" + i, "guess"));
        assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(20);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(20);
    }

    // ---- 5. credentials that outlive a change -------------------------------------------------

    @Test
    void aRevokedTokenOrOneOfADisabledAccountStopsAndDoesNotComeBack() throws Exception {
        gw.gateway().users().add("script-1", Role.AUDITOR, PASSWORD);
        WebClient admin = as(Role.ADMIN);
        admin.get("/admin/users");
        String first = newToken(admin, "script-1", "first");
        String second = newToken(admin, "script-1", "second");
        assertThat(api(first, "/api/v1/quarantine").status()).isEqualTo(200);

        Matcher row = Pattern.compile("id=\"token-(\\d+)\">\\s*<td>\\d+</td>\\s*<td>script-1</td>\\s*<td>first</td>")
                .matcher(admin.get("/admin/users").body());
        assertThat(row.find()).as("the accounts page lists the token by number").isTrue();
        Page revoked = admin.post("/admin/tokens/" + row.group(1) + "/revoke");
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(api(first, "/api/v1/quarantine").status()).isEqualTo(401);
        assertThat(api(second, "/api/v1/quarantine").status()).isEqualTo(200);

        WebClient scriptSession = new WebClient(gw.webPort()).signedIn("script-1", PASSWORD);
        admin.get("/admin/users");
        assertThat(admin.post("/admin/users/script-1/disable").status()).isEqualTo(303);
        admin.get("/admin/users");
        assertThat(admin.post("/admin/users/script-1/enable").status()).isEqualTo(303);
        assertThat(api(second, "/api/v1/quarantine").status()).as("token after disable and enable").isEqualTo(401);
        assertThat(scriptSession.get("/quarantine").status()).as("session after disable and enable").isEqualTo(303);

        // A password change (users add on an existing account) ends sessions and tokens too.
        String third = newToken(admin, "script-1", "third");
        WebClient again = new WebClient(gw.webPort()).signedIn("script-1", PASSWORD);
        gw.gateway().users().add("script-1", Role.AUDITOR, "a brand new long password");
        assertThat(api(third, "/api/v1/quarantine").status()).isEqualTo(401);
        assertThat(again.get("/quarantine").status()).isEqualTo(303);
    }

    // ---- 7. the smaller ones -------------------------------------------------------------------

    @Test
    void aReleaseWithoutAModeReleasesNothing() throws Exception {
        long id = held.hold("worker@council.example", List.of("parent@home.example"), "No mode",
                HeldMail.plain("worker@council.example", "parent@home.example", "No mode", "NI AB 12 34 56 C"));
        String token = gw.gateway().users().createToken(user(Role.REVIEWER), "attack suite");
        for (String body : List.of("", "{}", "{\"mode\":\"\"}", "{\"mode\":\"CLEAR \"}")) {
            Page p = new WebClient(gw.webPort()).send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + gw.webPort() + "/api/v1/quarantine/" + id + "/release"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(p.status()).as(body).isEqualTo(400);
        }
        WebClient reviewer = as(Role.REVIEWER);
        reviewer.get("/quarantine/" + id);
        assertThat(reviewer.post("/quarantine/" + id + "/release").status()).isEqualTo(400);
        assertThat(gw.gateway().quarantine().store().find(id).orElseThrow().status()).isEqualTo(Status.HELD);
    }

    @Test
    void limitOutsideOneToFiveHundredIsRefused() throws Exception {
        String token = gw.gateway().users().createToken(user(Role.AUDITOR), "limits");
        for (String limit : List.of("0", "-1", "501", "99999999999")) {
            assertThat(api(token, "/api/v1/quarantine?limit=" + limit).status()).as(limit).isEqualTo(400);
        }
        assertThat(api(token, "/api/v1/quarantine?limit=500").status()).isEqualTo(200);
    }

    /** The Host header is the attacker's to choose; only web.public_url's origin is ours. */
    @Test
    void anOriginMatchingAForgedHostHeaderIsStillRefused() throws Exception {
        long id = held.hold("worker@council.example", List.of("parent@home.example"), "Origin",
                HeldMail.plain("worker@council.example", "parent@home.example", "Origin", "NI AB 12 34 56 C"));
        WebClient reviewer = as(Role.REVIEWER);
        reviewer.get("/quarantine/" + id);
        String request = "POST /quarantine/" + id + "/reject HTTP/1.1\r\nHost: evil.example\r\n"
                + "Origin: http://evil.example\r\nCookie: mg_session=" + reviewer.cookies().get("mg_session") + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n";
        String form = "reason=forged&csrf=" + reviewer.csrf();
        assertThat(raw("127.0.0.1", request + "Content-Length: " + form.length() + "\r\n\r\n" + form))
                .startsWith("HTTP/1.1 403");
        assertThat(reviewer.origin("https://mailgate.council.example").post("/quarantine/" + id + "/reject",
                "reason", "legitimate reason").status()).as("the public origin is accepted").isEqualTo(303);
    }

    @Test
    void jettysOwnErrorPagesCarryTheSecurityHeaders() throws Exception {
        String answer = raw("127.0.0.1", "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Security-Policy: default-src 'none'",
                "X-Content-Type-Options: nosniff", "X-Frame-Options: DENY");
    }

    // ---- what held already: role x route, IDOR, CSRF across sessions ---------------------------

    /** Every route, every role: the status each must get. Anonymous pages redirect to the login. */
    @Test
    void everyRoleGetsOnlyItsOwnRoutes() throws Exception {
        long id = held.hold("worker@council.example", List.of("parent@home.example"), "Matrix",
                HeldMail.plain("worker@council.example", "parent@home.example", "Matrix", "NI AB 12 34 56 C"));
        Map<String, Map<Role, Integer>> expected = new LinkedHashMap<>();
        expected.put("/quarantine", Map.of(Role.REVIEWER, 200, Role.AUDITOR, 200, Role.ADMIN, 200, Role.STAFF, 403));
        expected.put("/quarantine/" + id, Map.of(Role.REVIEWER, 200, Role.AUDITOR, 200, Role.ADMIN, 200,
                Role.STAFF, 403));
        expected.put("/audit", Map.of(Role.REVIEWER, 403, Role.AUDITOR, 200, Role.ADMIN, 200, Role.STAFF, 403));
        expected.put("/audit.csv", Map.of(Role.REVIEWER, 403, Role.AUDITOR, 200, Role.ADMIN, 200, Role.STAFF, 403));
        expected.put("/admin/users", Map.of(Role.REVIEWER, 403, Role.AUDITOR, 403, Role.ADMIN, 200, Role.STAFF, 403));
        expected.put("/leave", Map.of(Role.REVIEWER, 200, Role.AUDITOR, 200, Role.ADMIN, 200, Role.STAFF, 200));
        for (Map.Entry<String, Map<Role, Integer>> route : expected.entrySet()) {
            Page anonymous = new WebClient(gw.webPort()).get(route.getKey());
            assertThat(anonymous.status()).as("anonymous " + route.getKey()).isEqualTo(303);
            assertThat(anonymous.location()).startsWith("/login");
            for (Map.Entry<Role, Integer> e : route.getValue().entrySet()) {
                assertThat(as(e.getKey()).get(route.getKey()).status()).as(e.getKey() + " " + route.getKey())
                        .isEqualTo(e.getValue());
            }
        }
        // Acting on held mail: reviewer and admin only; the auditor and staff get 403 and change nothing.
        for (Role r : List.of(Role.AUDITOR, Role.STAFF)) {
            WebClient c = as(r);
            assertThat(c.post("/quarantine/" + id + "/reject", "reason", "not mine to reject").status())
                    .as(r + " rejects").isEqualTo(403);
        }
        assertThat(gw.gateway().quarantine().store().find(id).orElseThrow().status()).isEqualTo(Status.HELD);
        // The API: no token, a made-up token, a staff token.
        assertThat(api(null, "/api/v1/quarantine").status()).isEqualTo(401);
        assertThat(api("mgt_" + "A".repeat(43), "/api/v1/quarantine").status()).isEqualTo(401);
        String staffToken = gw.gateway().users().createToken(user(Role.STAFF), "staff");
        assertThat(api(staffToken, "/api/v1/quarantine").status()).isEqualTo(403);
        assertThat(api(staffToken, "/api/v1/quarantine/" + id).status()).isEqualTo(403);
    }

    /** Item numbers are guessable, so every item route checks the role, and unknown ones are 404 alike. */
    @Test
    void itemNumbersThatDoNotExistOrAreNotNumbersAreNotFound() throws Exception {
        WebClient reviewer = as(Role.REVIEWER);
        for (String path : List.of("/quarantine/999999", "/quarantine/-1", "/quarantine/1%27%20OR%201=1",
                "/quarantine/999999/attachments/0", "/quarantine/../admin/users")) {
            assertThat(reviewer.get(path).status()).as(path).isIn(400, 404);
        }
    }

    @Test
    void aCsrfTokenFromAnotherSessionIsRefused() throws Exception {
        long id = held.hold("worker@council.example", List.of("parent@home.example"), "CSRF",
                HeldMail.plain("worker@council.example", "parent@home.example", "CSRF", "NI AB 12 34 56 C"));
        WebClient victim = as(Role.REVIEWER);
        WebClient attacker = as(Role.ADMIN);
        Page p = victim.postRaw("/quarantine/" + id + "/reject", List.of("reason", "forged reason", "csrf",
                attacker.csrf()));
        assertThat(p.status()).isEqualTo(403);
        assertThat(gw.gateway().quarantine().store().find(id).orElseThrow().status()).isEqualTo(Status.HELD);
    }

    /** A value an outsider controls (a login name) reaches the audit export as text, never as a formula. */
    @Test
    void aFormulaInALoginNameIsExportedAsText() throws Exception {
        login("127.0.4.1", "=HYPERLINK(\"http://evil.example\",\"x\")", "guess");
        Page csv = as(Role.AUDITOR).get("/audit.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")
                .doesNotContainPattern("(?m)(^|,)\"?=HYPERLINK");
    }

    /** Line breaks typed into a telephone message cannot add a header (a Bcc to an outsider) to the mail. */
    @Test
    void lineBreaksInATelephoneMessageCannotAddHeaders() throws Exception {
        WebClient staff = as(Role.STAFF);
        staff.get("/messages/new");
        java.time.format.DateTimeFormatter minutes = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        Page p = staff.post("/messages", "officer", "jane.smith@council.example", "call_at",
                minutes.format(now.minusMinutes(5)), "caller_name", "Eve\r\nBcc: evil@evil.example",
                "caller_from", "Acme\r\nX-Injected: yes", "return_number", "01632 960321", "reason",
                "Call back\r\n.\r\nMAIL FROM:<evil@evil.example>", "call_back_by",
                minutes.format(now.plusHours(2)));
        assertThat(p.status()).isIn(303, 422);
        if (p.status() == 303) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> internal.received()
                    .stream().anyMatch(r -> r.recipients().contains("jane.smith@council.example")));
            TestSink.Received mail = internal.received().stream()
                    .filter(r -> r.recipients().contains("jane.smith@council.example")).findFirst().orElseThrow();
            String headers = mail.text().substring(0, mail.text().indexOf("\r\n\r\n"));
            assertThat(headers).doesNotContainPattern("(?mi)^Bcc:").doesNotContainPattern("(?mi)^X-Injected:");
            assertThat(mail.recipients()).containsExactly("jane.smith@council.example");
        }
        assertThat(external.received()).noneMatch(r -> r.recipients().contains("evil@evil.example"));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private int failures(String actor, String detail) throws Exception {
        return (int) gw.gateway().audit().list(Optional.of(actor), Optional.of("LOGIN_FAILED"), Optional.empty(),
                Optional.empty(), 1000).stream().map(AuditLog.Entry::detail).filter(detail::equals).count();
    }

    private String newToken(WebClient admin, String name, String label) throws Exception {
        admin.get("/admin/users");
        Page p = admin.post("/admin/users/" + name + "/tokens", "label", label);
        Matcher m = Pattern.compile("<code id=\"new-token\">(mgt_[A-Za-z0-9_-]+)</code>").matcher(p.body());
        assertThat(m.find()).as(p.body()).isTrue();
        return m.group(1);
    }

    private Page api(String token, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gw.webPort() + path))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return new WebClient(gw.webPort()).send(b);
    }

    /** A sign-in from {@code local} (a loopback address of our choosing), with a double-submit token of its own. */
    private int login(String local, String name, String password) throws Exception {
        String csrf = "c".repeat(43);
        String form = "csrf=" + csrf + "&name=" + enc(name) + "&password=" + enc(password);
        String answer = raw(local, "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: mg_login=" + csrf + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\nContent-Length: "
                + form.length() + "\r\n\r\n" + form);
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** One HTTP/1.1 exchange over a socket bound to {@code local}, as written; the whole answer. */
    private String raw(String local, String request) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress("127.0.0.1", gw.webPort()), 5000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
