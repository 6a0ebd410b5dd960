package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** The portal's pages over HTTP: headers, forged forms, wrong sessions, inert stored content. */
class PortalSecurityTest {

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String base;

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n"), b -> { });
        base = "http://127.0.0.1:" + gw.webPort();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    private String tokenFor(String subject) throws Exception {
        int before = external.received().size();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("worker@council.example", List.of("parent@home.example"),
                    "Subject: " + subject + "\r\nContent-Type: text/html\r\n\r\n<p onclick=\"alert(1)\">NI AB 12 34 56 C"
                            + "</p><script>alert(2)</script><a href=\"javascript:alert(3)\">x</a>\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() > before);
        Matcher m = Pattern.compile("/p/([A-Za-z0-9_-]{43})").matcher(external.received().get(before).text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String formCookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mg_form="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
    }

    @Test
    void pagesForbidFramingScriptsAndReferrers() throws Exception {
        String token = tokenFor("Headers");
        HttpResponse<String> page = get("/p/" + token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-ancestors 'none'").doesNotContain("script-src");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).doesNotContain("AB 12 34 56 C");
    }

    @Test
    void unknownTamperedAndRevokedLinksShowNothing() throws Exception {
        String token = tokenFor("Links");
        String tampered = token.substring(0, 42) + (token.charAt(42) == 'A' ? 'B' : 'A');
        assertThat(get("/p/" + tampered, null).statusCode()).isEqualTo(404);
        assertThat(get("/p/short", null).statusCode()).isEqualTo(404);
        long id = gw.gateway().portal().lookup(token).orElseThrow().id();
        gw.gateway().portal().revoke(id, "rita", "test");
        HttpResponse<String> revoked = get("/p/" + token, null);
        assertThat(revoked.statusCode()).isEqualTo(410);
        assertThat(revoked.body()).contains("withdrawn").doesNotContain("AB 12 34 56 C");
    }

    @Test
    void aForgedFormIsRefusedAndSendsNoCode() throws Exception {
        String token = tokenFor("Forms");
        int mails = external.received().size();
        assertThat(post("/p/" + token + "/code", null, "form=guess").statusCode()).isEqualTo(403);
        HttpResponse<String> page = get("/p/" + token, null);
        String cookie = formCookie(page);
        assertThat(post("/p/" + token + "/code", cookie, "form=not-the-cookie-value").statusCode()).isEqualTo(403);
        Thread.sleep(1000);
        assertThat(external.received()).hasSize(mails);
        assertThat(post("/p/" + token + "/code", cookie, "form=" + cookie.substring("mg_form=".length())).statusCode())
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == mails + 1);
    }

    @Test
    void aSessionForOneMessageDoesNotOpenAnotherAndStoredScriptIsInert() throws Exception {
        String first = tokenFor("First");
        String second = tokenFor("Second");
        HttpResponse<String> page = get("/p/" + first, null);
        String form = formCookie(page);
        String formValue = form.substring("mg_form=".length());
        post("/p/" + first + "/code", form, "form=" + formValue);
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().stream()
                .anyMatch(r -> r.text().contains("Subject: Your code:")));
        Matcher code = Pattern.compile("Subject: Your code: (\\d{6})").matcher(external.received().stream()
                .filter(r -> r.text().contains("Subject: Your code:")).findFirst().orElseThrow().text());
        assertThat(code.find()).isTrue();
        HttpResponse<String> verified = post("/p/" + first + "/verify", form, "form=" + formValue + "&code=" + code.group(1));
        String session = verified.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mg_portal="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
        assertThat(verified.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("mg_portal=")
                && c.contains("HttpOnly") && c.contains("SameSite=Strict"));

        HttpResponse<String> reading = get("/p/" + first, session);
        assertThat(reading.body()).contains("AB 12 34 56 C").doesNotContain("<script", "onclick", "javascript:");
        HttpResponse<String> other = get("/p/" + second, session);
        assertThat(other.body()).doesNotContain("AB 12 34 56 C").contains("Send me a code");
        assertThat(get("/p/" + second + "/print", session).statusCode()).isEqualTo(303);
    }
}
