package org.mailgate.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OutgoingMailTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-02T09:05:07Z"), ZoneId.of("Europe/London"));
    private static final String ID = OutgoingMail.id("5f0c3a9e", "held-notice", "mailgate.council.example");

    private static OutgoingMail notice() {
        return OutgoingMail.from("mailgate@council.example", "Mail gateway").to("jane.smith@council.example")
                .subject("Held for review").text("Your message has been held.\nReference: 7\n").messageId(ID);
    }

    @Test
    void writesTheHeadersEveryMessageNeedsWellFormed() throws Exception {
        String mail = write(notice().replyTo("reviewers@council.example").cc("sam.jones@council.example")
                .header("Auto-Submitted", "auto-generated").header("X-Auto-Response-Suppress", "All"));

        assertThat(headers(mail)).containsSubsequence(
                "Date: Thu, 2 Jul 2026 10:05:07 +0100",
                "From: Mail gateway <mailgate@council.example>",
                "Reply-To: reviewers@council.example",
                "To: jane.smith@council.example",
                "Cc: sam.jones@council.example",
                "Message-ID: <5f0c3a9e.held-notice@mailgate.council.example>",
                "Subject: Held for review",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: 7bit",
                "Auto-Submitted: auto-generated",
                "X-Auto-Response-Suppress: All");
        MimeMessage parsed = parse(mail);
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(parsed.getMessageID()).isEqualTo(ID);
        assertThat(parsed.getContent()).isEqualTo("Your message has been held.\r\nReference: 7\r\n");
    }

    @Test
    void threadsUnderTheParentWithItsReferences() throws Exception {
        String mail = write(notice().inReplyTo("<m2@partner.example>",
                List.of("<m0@partner.example>", "<m1@partner.example>")));

        assertThat(headers(mail)).contains("In-Reply-To: <m2@partner.example>",
                "References: <m0@partner.example> <m1@partner.example> <m2@partner.example>");
    }

    @Test
    void encodesANonAsciiSubjectAndDisplayName() throws Exception {
        String mail = write(OutgoingMail.from("zoe@council.example", "Zoë Brontë").to("jane.smith@council.example")
                .subject("Réunion: café à 10h").text("À bientôt\n").messageId(ID));

        assertThat(mail).isEqualTo(new String(mail.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
        assertThat(headers(mail)).anyMatch(h -> h.startsWith("Subject: =?UTF-8?"))
                .anyMatch(h -> h.startsWith("From: =?UTF-8?"));
        MimeMessage parsed = parse(mail);
        assertThat(parsed.getSubject()).isEqualTo("Réunion: café à 10h");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Zoë Brontë");
        assertThat(parsed.getContent()).isEqualTo("À bientôt\r\n");
    }

    @Test
    void textOnlyIsASinglePlainPart() throws Exception {
        MimeMessage parsed = parse(write(notice()));

        assertThat(parsed.getContentType()).startsWith("text/plain");
    }

    @Test
    void textAndHtmlMakeAnAlternative() throws Exception {
        MimeMessage parsed = parse(write(notice().html("<p>Your message has been held.</p>\n")));

        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Your message has been held.</p>\r\n");
    }

    @Test
    void attachmentsMakeAMixedMessageWithTheTextFirst() throws Exception {
        MimeMessage parsed = parse(write(notice().attach("signed.pdf", "application/pdf", new byte[] {1, 2, 3})));

        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) parsed.getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
        MimeBodyPart file = (MimeBodyPart) mixed.getBodyPart(1);
        assertThat(file.getContentType()).isEqualTo("application/pdf");
        assertThat(file.getFileName()).isEqualTo("signed.pdf");
        assertThat(file.getEncoding()).isEqualTo("base64");
        assertThat(file.getInputStream().readAllBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void endsEveryLineWithCrlf() throws Exception {
        String mail = write(notice().text("one\ntwo\r\nthree\rfour\n.\n").html("<p>one</p>\n<p>two</p>\n"));

        assertThat(mail.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(mail).contains("one\r\ntwo\r\nthree\r\nfour\r\n.\r\n");
    }

    @Test
    void turnsLineBreaksInASubjectOrDisplayNameIntoSpaces() throws Exception {
        String mail = write(OutgoingMail.from("mailgate@council.example", "Mail\r\nBcc: victim@partner.example")
                .to("jane.smith@council.example").subject("Budget\r\nBcc: victim@partner.example\nX-Evil: 1")
                .text("Hello\n").messageId(ID));

        assertThat(headers(mail)).noneMatch(h -> h.startsWith("Bcc") || h.startsWith("X-Evil"))
                .contains("Subject: Budget Bcc: victim@partner.example X-Evil: 1");
        MimeMessage parsed = parse(mail);
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Mail Bcc: victim@partner.example");
    }

    @Test
    void refusesLineBreaksWhereTheyCannotBeMadeHarmless() {
        assertThatThrownBy(() -> notice().to("jane@council.example\r\nBcc: victim@partner.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notice().replyTo("a@council.example\nBcc: victim@partner.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notice().header("Auto-Submitted", "auto-generated\r\nBcc: victim@partner.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notice().inReplyTo("<a@b>\r\nBcc: victim@partner.example", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notice().attach("a.pdf", "application/pdf\r\nBcc: v@p.example", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutgoingMail.id("x\r\nBcc: v@p.example", "kind", "host.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToWriteAMessageWithoutAMessageId() {
        assertThatThrownBy(() -> OutgoingMail.from("mailgate@council.example", null).to("jane@council.example")
                .subject("s").text("t").toBytes(CLOCK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Message-ID");
    }

    private static String write(OutgoingMail mail) throws Exception {
        return new String(mail.toBytes(CLOCK), StandardCharsets.UTF_8);
    }

    private static MimeMessage parse(String mail) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)));
    }

    /** The header section, one unfolded field a line. */
    private static List<String> headers(String mail) {
        return List.of(mail.substring(0, mail.indexOf("\r\n\r\n")).replaceAll("\r\n[ \t]+", " ").split("\r\n"));
    }
}
