package org.mailgate.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.SmtpConversation.Reply;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** SMTP smuggling and the RFC 5321 limits, over a real socket. */
class SmugglingAndLimitsTest {

    @TempDir
    Path dir;
    TestSink sink;
    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        sink = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port(), """
                smtp:
                  listen: 127.0.0.1:0
                  hostname: gw.test
                  max_message_bytes: 20000
                  max_header_bytes: 4096
                  max_recipients: 3
                  max_connections_per_ip: 3
                  data_timeout: 2s
                """));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        sink.close();
    }

    /**
     * A lone "." with a bare LF or CR around it never ends the message or starts a second one:
     * everything up to the real CRLF.CRLF is one message, and it is refused.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\r\\n.\\n", "\\n.\\r\\n", "\\r.\\r\\n", "\\r\\n.\\rX"})
    void neverLetsABareLineEndingEndTheData(String escaped) throws Exception {
        String marker = escaped.replace("\\r", "\r").replace("\\n", "\n");
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
            SmtpConversation.expect(c.command("DATA"), 354);
            c.send("Subject: innocent\r\n\r\nfirst part" + marker
                    + "MAIL FROM:<ceo@council.example>\r\nRCPT TO:<victim@partner.example>\r\nDATA\r\n"
                    + "Subject: smuggled\r\n\r\nsmuggled\r\n.\r\n");
            Reply r = c.read();
            assertThat(r.text()).startsWith("554 5.5.2");
            // still in step: the next command gets its own reply
            assertThat(c.command("NOOP").text()).isEqualTo("250 2.0.0 Ok");
        }
        Thread.sleep(500);
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void unstuffsDotsAndAcceptsALineHoldingOnlyAStuffedDot() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            Reply r = c.sendMail("a@council.example", List.of("b@partner.example"),
                    "Subject: dots\r\n\r\n.\r\n..two\r\n.leading\r\nend\r\n");
            assertThat(r.code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 1);
        assertThat(sink.received().get(0).text()).endsWith("\r\n\r\n.\r\n..two\r\n.leading\r\nend\r\n");
    }

    @Test
    void refusesTooLargeADeclaredSizeAtMailFrom() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.command("MAIL FROM:<a@council.example> SIZE=20001").text()).startsWith("552 5.3.4");
            assertThat(c.command("MAIL FROM:<a@council.example> SIZE=19000").code()).isEqualTo(250);
        }
    }

    @Test
    void refusesAMessageThatGrowsPastTheLimitAndStaysInStep() throws Exception {
        StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
        while (big.length() < 30_000) {
            big.append("x".repeat(70)).append("\r\n");
        }
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"), big.toString()).text())
                    .startsWith("552 5.3.4");
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"), "Subject: small\r\n\r\nok\r\n")
                    .code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 1);
        assertThat(sink.received().get(0).text()).contains("Subject: small");
    }

    @Test
    void refusesLinesLongerThan1000OctetsButTakes998Characters() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"),
                    "Subject: long\r\n\r\n" + "y".repeat(999) + "\r\n").text()).startsWith("500 5.6.0");
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"),
                    "Subject: long\r\n\r\n" + "y".repeat(998) + "\r\n").code()).isEqualTo(250);
        }
    }

    @Test
    void refusesAnOversizedHeader() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            headers.append("X-Filler-").append(i).append(": ").append("z".repeat(60)).append("\r\n");
        }
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"), headers + "\r\nbody\r\n").text())
                    .startsWith("552 5.3.4 Message header");
        }
    }

    @Test
    void limitsRecipientsPerMessageWith452() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            for (int i = 0; i < 3; i++) {
                SmtpConversation.expect(c.command("RCPT TO:<r" + i + "@partner.example>"), 250);
            }
            assertThat(c.command("RCPT TO:<r4@partner.example>").text()).startsWith("452 4.5.3");
        }
    }

    @Test
    void limitsConnectionsFromOneAddress() throws Exception {
        List<SmtpConversation> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(gw.connect());
            }
            try (SmtpConversation fourth = new SmtpConversation(gw.smtpPort())) {
                assertThat(fourth.greeting().text()).startsWith("421 4.7.0");
            }
        } finally {
            for (SmtpConversation c : open) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (SmtpConversation again = new SmtpConversation(gw.smtpPort())) {
                assertThat(again.greeting().code()).isEqualTo(220);
            }
        });
    }

    @Test
    void dropsAClientThatTricklesDataPastTheDataTimeout() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
            SmtpConversation.expect(c.command("DATA"), 354);
            long start = System.nanoTime();
            try {
                while (System.nanoTime() - start < 4_000_000_000L) {
                    c.send("x");
                    Thread.sleep(300);
                }
            } catch (java.io.IOException closedByServer) {
                // expected: the gateway hangs up
            }
            Reply r = c.read();
            assertThat(r).isNotNull();
            assertThat(r.text()).startsWith("421 4.4.2");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void refusesMailLoops() throws Exception {
        String hops = "Received: from x by y; Sun, 29 Nov 2026 00:00:00 +0000\r\n".repeat(51);
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"), hops + "Subject: loop\r\n\r\nx\r\n")
                    .text()).startsWith("554 5.4.6");
        }
    }

    @Test
    void survivesAClientThatVanishesMidData() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.smtpPort())) {
            s.getOutputStream().write("EHLO x\r\nMAIL FROM:<a@council.example>\r\nRCPT TO:<b@partner.example>\r\nDATA\r\nSubject: half"
                    .getBytes());
            s.getOutputStream().flush();
            Thread.sleep(300);
        }
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"), "Subject: after\r\n\r\nok\r\n")
                    .code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 1);
        assertThat(dir.resolve("spool/tmp")).isEmptyDirectory();
    }
}
