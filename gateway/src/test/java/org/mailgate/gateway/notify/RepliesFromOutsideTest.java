package org.mailgate.gateway.notify;

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
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * Mail to the notice address is accepted over SMTP from any client, to a notice address outside
 * our domains too: that one local part, with or without a +token, is accepted; the rest of its
 * domain is still not relayed. (Whether a reply counts is decided later: only from an allowed
 * network or an authenticated session, see SenderNoticesEndToEndTest.)
 * The relay-only stage is used here, to show that replies are consumed with it too.
 */
class RepliesFromOutsideTest {

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "smtp:\n  listen: 127.0.0.1:0\n  hostname: gw.test\n  allowed_networks: [10.0.0.0/8]\n",
                "quarantine:\n  notify_address: notices@gateway.example\n"));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    @Test
    void acceptsTheNoticeAddressAndItsTokenFormsButNoOtherAddressOfItsDomain() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<someone@outside.example>"), 250);
            assertThat(c.command("RCPT TO:<notices+aeaqbfdebq@gateway.example>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<NOTICES+AEAQBFDEBQ@Gateway.Example>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<notices@gateway.example>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<other@gateway.example>").code()).isEqualTo(554);
            assertThat(c.command("RCPT TO:<noticesx@gateway.example>").code()).isEqualTo(554);
            assertThat(c.command("RCPT TO:<notices+x@gateway.example.evil>").code()).isEqualTo(554);
        }
    }

    @Test
    void aReplyIsConsumedNotRelayed() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("someone@outside.example", List.of("notices+aeaqbfdebq@gateway.example"),
                    "Subject: Re: Held for review\r\n\r\nwithdraw\r\n"), 250);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.gateway().queue().depth() == 0);
        assertThat(internal.received()).isEmpty();
        assertThat(external.received()).isEmpty();
    }
}
