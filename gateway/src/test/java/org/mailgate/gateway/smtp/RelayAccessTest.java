package org.mailgate.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Passwords;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.SmtpConversation.Reply;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.testing.Tls;

/** No open relay: this test's client (127.0.0.1) is outside smtp.allowed_networks. */
class RelayAccessTest {

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(), """
                smtp:
                  listen: 127.0.0.1:0
                  allowed_networks: [10.0.0.0/8]
                  auth:
                    users:
                      - name: exchange
                        password_hash: "%s"
                """.formatted(Passwords.hash("correct horse"))));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    @Test
    void refusesToRelayForAnUnauthenticatedOutsideClient() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<spammer@outside.example>"), 250);
            assertThat(c.command("RCPT TO:<victim@elsewhere.example>").text())
                    .isEqualTo("554 5.7.1 <victim@elsewhere.example>: Relay access denied");
        }
    }

    @Test
    void acceptsInboundMailForInternalDomainsFromAnyone() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("partner@outside.example", List.of("jane@council.example"),
                    "Subject: inbound\r\n\r\nhello\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> internal.received().size() == 1);
    }

    @Test
    void offersAuthOnlyInsideTlsAndRefusesItInClear() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.command("AUTH PLAIN " + plain("exchange", "correct horse")).text()).startsWith("538 5.7.11");
            SmtpConversation.expect(c.startTls(Tls.trustAll()), 220);
            Reply ehlo = c.command("EHLO client.test");
            assertThat(ehlo.lines()).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
        }
    }

    @Test
    void relaysAfterAuthPlainInsideTls() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.startTls(Tls.trustAll()), 220);
            SmtpConversation.expect(c.command("EHLO client.test"), 250);
            assertThat(c.command("AUTH PLAIN " + plain("exchange", "correct horse")).text()).startsWith("235 2.7.0");
            SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@partner.example"), "Subject: ok\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
        assertThat(external.received().get(0).text()).contains("with ESMTPSA id");
    }

    @Test
    void relaysAfterAuthLogin() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.startTls(Tls.trustAll()), 220);
            SmtpConversation.expect(c.command("EHLO client.test"), 250);
            assertThat(c.command("AUTH LOGIN").text()).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(c.command(b64("exchange")).text()).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(c.command(b64("correct horse")).code()).isEqualTo(235);
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
        }
    }

    @Test
    void refusesAWrongPasswordAndStillDeniesRelay() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.startTls(Tls.trustAll()), 220);
            SmtpConversation.expect(c.command("EHLO client.test"), 250);
            assertThat(c.command("AUTH PLAIN " + plain("exchange", "wrong")).text()).startsWith("535 5.7.8");
            assertThat(c.command("AUTH PLAIN " + plain("nobody", "correct horse")).text()).startsWith("535 5.7.8");
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            assertThat(c.command("RCPT TO:<b@partner.example>").code()).isEqualTo(554);
        }
    }

    @Test
    void throwsAwayCommandsPipelinedBeforeTheTlsHandshake() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            // CVE-2011-0411 style: plain-text commands sent with STARTTLS must not run inside TLS.
            c.send("STARTTLS\r\nMAIL FROM:<injected@outside.example>\r\n");
            assertThat(c.read().code()).isEqualTo(220);
            c.handshake(Tls.trustAll());
            SmtpConversation.expect(c.command("EHLO client.test"), 250);
            assertThat(c.command("RCPT TO:<jane@council.example>").text()).startsWith("503 5.5.1");
        }
    }

    private static String plain(String user, String password) {
        return b64("\0" + user + "\0" + password);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
