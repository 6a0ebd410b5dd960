package org.mailgate.gateway.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * One mail the gateway writes itself: plain text in UTF-8, marked as automatic so that
 * out-of-office replies and rules leave it alone (RFC 3834 {@code Auto-Submitted}, and
 * Exchange's {@code X-Auto-Response-Suppress}).
 *
 * @param replyTo   where replies should go; null for none
 * @param inReplyTo the Message-ID of an earlier notice about the same item (threads the two); null for none
 */
record NoticeMail(String fromAddress, String to, String replyTo, String subject, String body, String messageId,
        String inReplyTo, Instant date) {

    static final String FROM_NAME = "Mail gateway";

    byte[] toBytes() throws IOException {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress(fromAddress, FROM_NAME, "UTF-8"));
            m.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, false));
            if (replyTo != null) {
                m.setReplyTo(InternetAddress.parse(replyTo, false));
            }
            m.setSubject(oneLine(subject), "UTF-8");
            m.setSentDate(Date.from(date));
            m.setHeader("Auto-Submitted", "auto-generated");
            m.setHeader("X-Auto-Response-Suppress", "All");
            m.setText(body, "UTF-8");
            m.saveChanges();
            // After saveChanges, which would otherwise invent a Message-ID of its own.
            m.setHeader("Message-ID", messageId);
            if (inReplyTo != null) {
                m.setHeader("In-Reply-To", inReplyTo);
                m.setHeader("References", inReplyTo);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IOException("cannot write the notice \"" + subject + "\" to " + to + ": " + e.getMessage(), e);
        }
    }

    /** A subject taken from a message may carry line breaks; a header must not. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
