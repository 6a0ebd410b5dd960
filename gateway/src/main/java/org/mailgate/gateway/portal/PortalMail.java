package org.mailgate.gateway.portal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Builds the portal's own e-mails (notices, codes, receipts, replies) as RFC 5322 bytes. */
final class PortalMail {

    private static final Session SESSION = Session.getInstance(new Properties());

    private PortalMail() {
    }

    /** A plain-text notice from the gateway: auto-generated, not to be answered by robots. */
    static byte[] notice(String fromName, String from, String to, String subject, String body, String domain) {
        return build(fromName, from, to, subject, body, List.of(), domain, true);
    }

    /** A message written by a person in the portal: ordinary mail, with attachments. */
    static byte[] reply(String from, String to, String subject, String body, List<ReplyAttachment> attachments,
            String domain) {
        return build(null, from, to, subject, body, attachments, domain, false);
    }

    private static byte[] build(String fromName, String from, String to, String subject, String body,
            List<ReplyAttachment> attachments, String domain, boolean automatic) {
        try {
            MimeMessage m = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
                }
            };
            m.setFrom(fromName == null ? new InternetAddress(from) : new InternetAddress(from, fromName, "UTF-8"));
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new java.util.Date());
            if (automatic) {
                m.setHeader("Auto-Submitted", "auto-generated");
                m.setHeader("X-Auto-Response-Suppress", "All");
            }
            if (attachments.isEmpty()) {
                m.setText(body, "UTF-8");
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(body, "UTF-8");
                mixed.addBodyPart(text);
                for (ReplyAttachment a : attachments) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setContent(a.bytes(), a.contentType());
                    part.setFileName(a.fileName());
                    part.setDisposition(MimeBodyPart.ATTACHMENT);
                    part.setHeader("Content-Type", a.contentType());
                    part.setHeader("Content-Transfer-Encoding", "base64");
                    mixed.addBodyPart(part);
                }
                m.setContent(mixed);
            }
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot build a message to " + to + ": " + e.getMessage(), e);
        }
    }

}
