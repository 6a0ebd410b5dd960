package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestSink;

/**
 * What a sender is told, through a real gateway: one notice per message that says per
 * recipient what happened (held by which rule, sent through the portal with a withdraw link),
 * the true reason stored with the item and in the audit log, a protected release that says how
 * it really went, and never a subject with personal data in it.
 */
class OneNoticePerMessageTest {

    private static final String SENDER = "worker@council.example";
    private static final Pattern REVOKE = Pattern.compile("https://mailgate\\.council\\.example/revoke/([A-Za-z0-9_-]{43})");

    @RegisterExtension
    final GatewayLab lab = GatewayLab.protectedStage().with(
            "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
            "web:\n  listen: 127.0.0.1:0\n  public_url: https://mailgate.council.example\n",
            "policy:\n  quarantine_domains: [\"*.court.example\"]\n");

    private static String message(String subject) {
        return "From: Worker <" + SENDER + ">\r\nTo: parent@home.example, clerk@family.court.example\r\n"
                + "Subject: " + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Dear Mr Jones,\r\n\r\nYour National Insurance number is AB 12 34 56 C and your partner's\r\n"
                + "National Insurance number is JG 10 37 21 A.\r\n";
    }

    @Test
    void partlyHeldAndPartlyInThePortalIsOneNoticeWithTheTrueReasonForEach() throws Exception {
        send(message("Benefit claim"), "parent@home.example", "clerk@family.court.example");
        await().atMost(Duration.ofSeconds(60)).until(() -> lab.gateway().gateway().queue().depth() == 0
                && !toSender().isEmpty());
        Thread.sleep(500);
        List<TestSink.Received> notices = toSender();
        assertThat(notices).as("one notice for the message").hasSize(1);
        MimeMessage notice = mime(notices.get(0));
        assertThat(notice.getSubject()).isEqualTo("Partly held for review: Benefit claim");
        String body = ((String) notice.getContent()).replaceAll("\\s+", " ");
        assertThat(body).contains("clerk@family.court.example Held for review: sensitive mail to *.court.example is "
                + "always checked", "parent@home.example Sent through the secure web portal")
                .doesNotContain("There is no way to send it securely", "no encryption certificate");

        QuarantineItem item = lab.gateway().gateway().quarantine().store().list(QuarantineFilter.all(10)).items().get(0);
        assertThat(item.recipients()).containsExactly("clerk@family.court.example");
        assertThat(item.holds()).singleElement().satisfies(h -> {
            assertThat(h.reason().rule()).isEqualTo(HoldReason.Rule.QUARANTINE_DOMAIN);
            assertThat(h.reason().detail()).isEqualTo("*.court.example");
        });
        assertThat(lab.gateway().gateway().audit().list(Optional.empty(), Optional.of("HOLD"), Optional.of(item.id()),
                Optional.empty(), 10)).singleElement().satisfies(e -> {
                    assertThat(e.detail()).contains("quarantine_domain", "*.court.example", "on node");
                    assertThat(e.client()).as("the Client column holds client addresses only").isEmpty();
                });
        QuarantineFilter byRule = new QuarantineFilter(Optional.empty(), Optional.empty(), Optional.of("court.example"),
                Optional.empty(), Optional.of(HoldReason.Rule.QUARANTINE_DOMAIN), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 10);
        assertThat(lab.gateway().gateway().quarantine().store().list(byRule).total()).as("subdomain and rule filters").isEqualTo(1);

        // The withdraw pages name the message; the link for the portal copy works.
        Matcher revoke = REVOKE.matcher((String) notice.getContent());
        assertThat(revoke.find()).isTrue();
        assertThat(page("/revoke/" + revoke.group(1))).contains("Benefit claim", "parent@home.example", "not yet",
                "Withdraw the message");
        assertThat(page("/withdraw?t=" + token(notice))).contains("Benefit claim", "clerk@family.court.example",
                "Withdraw the message");
        assertThat(lab.gateway().gateway().portal().revokeBySender(revoke.group(1), "127.0.0.1").ok()).isTrue();

        // Released protected: the notice says it went through the portal, not "encrypted, or over TLS".
        assertThat(lab.gateway().gateway().quarantine().release(item.id(), ReleaseMode.PROTECTED, "reviewer1", "",
                "127.0.0.1").done()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> toSender().size() >= 2);
        MimeMessage released = mime(toSender().get(1));
        assertThat(released.getSubject()).isEqualTo("Released: Benefit claim");
        assertThat(((String) released.getContent()).replaceAll("\\s+", " "))
                .contains("released by the Information Assurance team (reviewer1)",
                        "clerk@family.court.example Sent through the secure web portal")
                .doesNotContain("encrypted, or over a verified secure connection");
        assertThat(released.getHeader("In-Reply-To", null)).isEqualTo(notice.getMessageID());
        Thread.sleep(500);
        assertThat(toSender()).as("no separate released notice").hasSize(2);
    }

    @Test
    void aSubjectWithPersonalDataIsNeverRepeatedInANotice() throws Exception {
        send(message("NI number JK 55 44 33 A"), "parent@home.example", "clerk@family.court.example");
        await().atMost(Duration.ofSeconds(60)).until(() -> !toSender().isEmpty());
        MimeMessage notice = mime(toSender().get(0));
        assertThat(notice.getSubject()).startsWith("Partly held for review: your message to ");
        assertThat(page("/withdraw?t=" + token(notice))).contains("not shown: it holds personal data",
                "clerk@family.court.example").doesNotContain("JK 55 44 33 A");
        QuarantineItem item = lab.gateway().gateway().quarantine().store().list(QuarantineFilter.all(10)).items().get(0);
        assertThat(lab.gateway().gateway().quarantine().reject(item.id(), "reviewer1", "Use the phone.", "127.0.0.1").done())
                .isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> toSender().size() >= 2);
        for (TestSink.Received r : toSender()) {
            assertThat(new String(r.data(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s", ""))
                    .doesNotContain("JK554433A", "554433");
        }
    }

    /** The reply token in a held notice's Reply-To. */
    private static String token(MimeMessage notice) throws Exception {
        String replyTo = ((jakarta.mail.internet.InternetAddress) notice.getReplyTo()[0]).getAddress();
        return replyTo.substring(replyTo.indexOf('+') + 1, replyTo.indexOf('@'));
    }

    private String page(String path) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + lab.gateway().webPort() + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private List<TestSink.Received> toSender() {
        return lab.internal().received().stream().filter(r -> r.recipients().contains(SENDER)).toList();
    }

    private void send(String message, String... to) throws Exception {
        try (SmtpConversation c = lab.gateway().ehlo()) {
            SmtpConversation.expect(c.sendMail(SENDER, List.of(to), message), 250);
        }
    }

    private static MimeMessage mime(TestSink.Received r) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(r.data()));
    }
}
