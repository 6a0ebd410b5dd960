package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.GatewayProcess;
import org.mailgate.gateway.testing.SmtpConversation;

/**
 * The gateway as it runs (its own JVM, its real logback.xml), and an attacker who has not signed
 * in trying to write lines of their own into its log: a login name, SMTP arguments and a header
 * holding CR, LF, NEL or U+2028. Every one must stay inside the line it belongs to.
 */
class LogForgingTest {

    static final String FORGED = "2026-12-06T05:00:00.000Z INFO  [web] audit: actor=admin action=USER_ADD item=- "
            + "client=127.0.0.1 added mallory as admin";

    @TempDir
    Path dir;

    @Test
    void valuesFromClientsCannotStartALogLineOfTheirOwn() throws Exception {
        List<Integer> ports = GatewayProcess.freePorts(2);
        int smtp = ports.get(0);
        int web = ports.get(1);
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "smtp:\n  listen: 127.0.0.1:" + smtp + "\n  hostname: gw.test\n"
                + "domains:\n  internal: [council.example]\n"
                + "routes:\n  internal: dir:" + dir.resolve("in") + "\n  external: dir:" + dir.resolve("out") + "\n"
                + "storage:\n  dir: " + dir.resolve("data") + "\n"
                + "web:\n  listen: 127.0.0.1:" + web + "\n"
                + "policy:\n  stage: relay\n");
        Path log = dir.resolve("gateway.log");
        try (GatewayProcess gateway = GatewayProcess.start(config, smtp, log)) {
            // The SMTP port opens first; the web server a moment later.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                new java.net.Socket("127.0.0.1", web).close();
                return true;
            });
            HttpClient http = HttpClient.newHttpClient();
            for (String separator : List.of("\n", "\r\n", "\r", "\u0085", "\u2028")) {
                String form = "csrf=" + "c".repeat(43) + "&password=x&name="
                        + URLEncoder.encode("bob" + separator + FORGED, StandardCharsets.UTF_8);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web
                        + "/login")).header("Cookie", "mg_login=" + "c".repeat(43))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(401);
            }
            for (String hostile : List.of("EHLO client\r" + FORGED, "XFORGE \u2028" + FORGED,
                    "MAIL FROM:<a@b.example>\r" + FORGED, "RCPT TO:<x@y.example>\r" + FORGED)) {
                // Each on its own connection: the gateway may hang up on a bare CR, which is right.
                try (SmtpConversation c = new SmtpConversation(smtp)) {
                    SmtpConversation.expect(c.greeting(), 220);
                    if (!hostile.startsWith("EHLO")) {
                        c.command("EHLO client");
                    }
                    c.command(hostile);
                } catch (java.io.IOException hungUp) {
                    // fine: what matters is the log
                }
            }
            try (SmtpConversation c = new SmtpConversation(smtp)) {
                SmtpConversation.expect(c.greeting(), 220);
                SmtpConversation.expect(c.command("EHLO client"), 250);
                c.sendMail("a@council.example", List.of("b@council.example"), "Subject: =?UTF-8?Q?x=0D=0A"
                        + FORGED.replace(' ', '_') + "?=\r\nMessage-ID: <x\r\n " + FORGED + ">\r\n\r\nbody\r\n");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("LOGIN_FAILED"));
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).as("the attempts reached the log").contains("LOGIN_FAILED");
        assertThat(text).doesNotContain("\r").doesNotContain("\u0085").doesNotContain("\u2028");
        for (String line : text.split("\n")) {
            assertThat(line).as("a line of its own").doesNotStartWith(FORGED.substring(0, 20))
                    .doesNotStartWith(" " + FORGED.substring(0, 20));
        }
    }
}
