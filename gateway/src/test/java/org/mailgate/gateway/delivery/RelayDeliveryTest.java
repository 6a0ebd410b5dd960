package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestSink;
import static org.mailgate.gateway.testing.TestFiles.spoolStates;

/** Relaying end to end: receive over SMTP, route, deliver to real sockets, retry and bounce. */
class RelayDeliveryTest {

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    final MutableClock clock = new MutableClock();

    @BeforeEach
    void sinks() throws Exception {
        internal = new TestSink();
        external = new TestSink();
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    private void startGateway(String... sections) throws Exception {
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(), sections), b -> b.clock(clock));
    }

    private static byte[] dotStuff(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        int prev = -1;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n' && prev == '\r';
            prev = b;
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void passesTheMessageThroughByteForByteAddingOnlyReceived() throws Exception {
        startGateway();
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(("From: =?UTF-8?Q?Ren=C3=A9e?= <renee@council.example>\r\n"
                + "To: partner@partner.example\r\n"
                + "Subject: odd  MIME\t with tabs and  spaces   \r\n"
                + "X-Folded: first part\r\n\t  second part\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=_odd boundary:with?punct\"\r\n\r\n"
                + "preamble with a line that starts with\r\nFrom the preamble\r\n"
                + "--=_odd boundary:with?punct\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        m.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'n', (byte) 0xE9, '\r', '\n'});
        m.writeBytes("UTF-8 too: \u00e9\u20ac\u2603 \ud83d\udce7\r\n".getBytes(StandardCharsets.UTF_8));
        m.writeBytes((".leading dot\r\n..two dots\r\n.\r\n" + "L".repeat(998) + "\r\n"
                + "trailing spaces   \r\n\r\n\r\n"
                + "--=_odd boundary:with?punct\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "AAECAwQFBgcICQ==\r\n"
                + "--=_odd boundary:with?punct--\r\n"
                + "epilogue\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] original = m.toByteArray();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<renee@council.example> BODY=8BITMIME"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<partner@partner.example>"), 250);
            SmtpConversation.expect(c.command("DATA"), 354);
            c.sendBytes(dotStuff(original));
            assertThat(c.read().code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
        byte[] delivered = external.received().get(0).data();
        String text = new String(delivered, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("Received: from client.test ([127.0.0.1])\r\n\tby gw.test (mailgate) with ESMTP id ");
        int end = text.indexOf("\r\nFrom: ") + 2;
        assertThat(Arrays.copyOfRange(delivered, end, delivered.length)).isEqualTo(original);
        assertThat(external.received().get(0).mailParameters()).contains("BODY=8BITMIME");
    }

    @Test
    void deliversOnceToEachRouteForAMessageToInternalAndExternalRecipients() throws Exception {
        startGateway();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example",
                    List.of("b@council.example", "c@partner.example", "d@other.example", "e@council.example"),
                    "Subject: both\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> internal.received().size() == 1 && external.received().size() == 1);
        Thread.sleep(300);
        assertThat(internal.received()).hasSize(1);
        assertThat(internal.received().get(0).recipients()).containsExactly("b@council.example", "e@council.example");
        assertThat(external.received()).hasSize(1);
        assertThat(external.received().get(0).recipients()).containsExactly("c@partner.example", "d@other.example");
    }

    @Test
    void bouncesOnlyTheRecipientsTheNextHopRefusedPermanently() throws Exception {
        external.rcptReply(r -> r.startsWith("nobody") ? "550 5.1.1 <" + r + ">: no such user" : "250 2.1.5 Ok");
        startGateway();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("alice@council.example",
                    List.of("nobody@partner.example", "bob@partner.example"), "Subject: Quarterly figures\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1 && internal.received().size() == 1);
        assertThat(external.received().get(0).recipients()).containsExactly("bob@partner.example");
        TestSink.Received bounce = internal.received().get(0);
        assertThat(bounce.sender()).isEmpty();
        assertThat(bounce.recipients()).containsExactly("alice@council.example");
        MimeMessage dsn = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bounce.data()));
        assertThat(dsn.getContentType()).startsWith("multipart/report").contains("delivery-status");
        assertThat(dsn.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        MimeMultipart parts = (MimeMultipart) dsn.getContent();
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        String status = new String(parts.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(status).contains("Final-Recipient: rfc822; nobody@partner.example", "Action: failed",
                "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1");
        assertThat(new String(parts.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .contains("Subject: Quarterly figures");
    }

    @Test
    void queuesWhileTheNextHopIsDownAndDeliversWhenItReturns() throws Exception {
        int port = external.port();
        external.stop();
        startGateway();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@partner.example"), "Subject: wait\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> spoolStates(dir).contains("\"attempts\":1"));
        assertThat(spoolStates(dir)).contains("\"status\":\"PENDING\"", "Connection refused");
        external.start(port);
        await().atMost(Duration.ofSeconds(15)).until(() -> external.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> TestFiles.isEmpty(dir.resolve("spool/queue")));
        assertThat(internal.received()).isEmpty();
    }

    @Test
    void bouncesAfterMaxQueueDaysOfTemporaryFailures() throws Exception {
        external.rcptReply(r -> "451 4.3.2 try later");
        startGateway("delivery:\n  retry_intervals: [1s]\n  max_queue_days: 5\n");
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("alice@council.example", List.of("b@partner.example"),
                    "Subject: slow\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !spoolStates(dir).isEmpty());
        assertThat(internal.received()).isEmpty();
        clock.advance(Duration.ofDays(5).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> internal.received().size() == 1);
        String dsn = internal.received().get(0).text();
        assertThat(dsn).contains("Final-Recipient: rfc822; b@partner.example", "Status: 5.3.2", "451 4.3.2 try later");
        await().atMost(Duration.ofSeconds(5)).until(() -> TestFiles.isEmpty(dir.resolve("spool/queue")));
    }

    @Test
    void neverBouncesAMessageFromTheNullSender() throws Exception {
        external.rcptReply(r -> "550 5.1.1 unknown");
        startGateway();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("", List.of("b@partner.example"), "Subject: a bounce\r\n\r\nx\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TestFiles.isEmpty(dir.resolve("spool/queue")));
        Thread.sleep(500);
        assertThat(internal.received()).isEmpty();
    }

}
