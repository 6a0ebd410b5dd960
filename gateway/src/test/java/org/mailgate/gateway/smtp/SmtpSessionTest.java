package org.mailgate.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.SmtpConversation.Reply;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

class SmtpSessionTest {

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
                  max_message_bytes: 100000
                  max_errors: 5
                """));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        sink.close();
    }

    @Test
    void ehloAdvertisesTheExtensionsWeImplementButNoAuthBeforeTls() throws Exception {
        try (SmtpConversation c = gw.connect()) {
            Reply r = c.command("EHLO client.test");
            assertThat(r.code()).isEqualTo(250);
            assertThat(r.lines()).contains("PIPELINING", "SIZE 100000", "8BITMIME", "ENHANCEDSTATUSCODES", "STARTTLS",
                    "CHUNKING", "SMTPUTF8");
            assertThat(r.lines()).noneMatch(l -> l.startsWith("AUTH"));
        }
    }

    @Test
    void answers250WithTheQueueIdOnlyOnceTheMessageIsInTheSpool() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            Reply r = c.sendMail("a@council.example", List.of("b@partner.example"), "Subject: hi\r\n\r\nhello\r\n");
            assertThat(r.text()).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 1);
        assertThat(sink.received().get(0).text()).contains("for <b@partner.example>", "\r\n\r\nhello\r\n");
    }

    @Test
    void requiresGreetingThenMailThenRcptThenData() throws Exception {
        try (SmtpConversation c = gw.connect()) {
            assertThat(c.command("MAIL FROM:<a@council.example>").text()).startsWith("503 5.5.1");
            SmtpConversation.expect(c.command("HELO client.test"), 250);
            assertThat(c.command("RCPT TO:<b@partner.example>").text()).startsWith("503 5.5.1");
            assertThat(c.command("DATA").text()).startsWith("503 5.5.1");
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            assertThat(c.command("MAIL FROM:<a@council.example>").text()).startsWith("503 5.5.1 Error: nested MAIL");
        }
    }

    @Test
    void refusesMalformedAddressesWithEnhancedCodes() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.command("MAIL FROM:<a b@council.example>").text()).startsWith("501 5.1.7");
            assertThat(c.command("MAIL FROM:<a@council.example> FOO=bar").text()).startsWith("555 5.5.4");
            SmtpConversation.expect(c.command("MAIL FROM:<>"), 250);
            assertThat(c.command("RCPT TO:<>").text()).startsWith("501 5.1.3");
            assertThat(c.command("RCPT TO:<x@bad..domain>").text()).startsWith("501 5.1.3");
        }
    }

    @Test
    void refusesNonAsciiAddressesWithoutSmtputf8AndAcceptsThemWithIt() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.command("MAIL FROM:<jos\u00e9@council.example>").text()).startsWith("553 5.6.7");
            SmtpConversation.expect(c.command("MAIL FROM:<jos\u00e9@council.example> SMTPUTF8"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<m\u00fcller@partner.example>"), 250);
        }
    }

    @Test
    void limitsTheCommandLineTo512Octets() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.command("NOOP " + "x".repeat(600)).text()).startsWith("500 5.5.2");
        }
    }

    @Test
    void closesTheSessionAfterTooManyErrors() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            for (int i = 0; i < 4; i++) {
                assertThat(c.command("RCPT TO:<x@partner.example>").code()).isEqualTo(503);
            }
            c.send("RCPT TO:<x@partner.example>\r\n");
            assertThat(c.read().code()).isEqualTo(503);
            assertThat(c.read().text()).startsWith("421 4.7.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void hangsUpOnHttpRequests() throws Exception {
        try (SmtpConversation c = gw.connect()) {
            assertThat(c.command("GET / HTTP/1.1").text()).startsWith("554 5.7.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void answersVrfyWithoutDisclosingAnything() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.command("VRFY root").text()).startsWith("252 2.5.2");
            assertThat(c.command("EXPN staff").text()).startsWith("502 5.5.1");
            assertThat(c.command("NOOP").text()).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("RSET").text()).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("QUIT").text()).startsWith("221 2.0.0");
        }
    }

    @Test
    void acceptsPostmasterWithoutADomain() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<someone@outside.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<Postmaster>"), 250);
        }
    }

    @Test
    void handlesPipelinedCommandsInOrder() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            c.send("MAIL FROM:<a@council.example>\r\nRCPT TO:<b@partner.example>\r\nRCPT TO:<c@partner.example>\r\n"
                    + "DATA\r\n");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(354);
            c.send("Subject: pipelined\r\n\r\nbody\r\n.\r\nMAIL FROM:<a@council.example>\r\nRCPT TO:<d@partner.example>\r\n"
                    + "DATA\r\n");
            assertThat(c.read().text()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(354);
            c.send("Subject: second\r\n\r\nbody 2\r\n.\r\nQUIT\r\n");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(221);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 2);
    }
}
