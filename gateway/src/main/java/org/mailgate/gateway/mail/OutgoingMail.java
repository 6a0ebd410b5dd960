package org.mailgate.gateway.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One message the gateway writes itself, as RFC 5322 bytes for the outbox: UTF-8 text (with an
 * HTML alternative and attachments if given), CRLF line endings, a Date from the injected clock
 * and a Message-ID of the one form {@link #id}. The caller adds what makes its kind of mail what
 * it is, such as {@code Auto-Submitted} or {@code Importance}.
 *
 * <pre>{@code
 * byte[] mail = OutgoingMail.from("mailgate@council.example", "Mail gateway")
 *         .to("jane.smith@council.example")
 *         .subject("Held for review: Budget")
 *         .text("Your message has been held.\n")
 *         .header("Auto-Submitted", "auto-generated")
 *         .messageId(OutgoingMail.id("7.Q1A2B", "held-notice", "mailgate.council.example"))
 *         .toBytes(clock);
 * }</pre>
 *
 * <p>Line breaks in a subject or display name (often copied from a received message) become
 * spaces; an address, header value or Message-ID with a line break in it is refused, so that
 * nothing a sender wrote can add a header of its own.
 */
public final class OutgoingMail {

    private static final String CHARSET = "UTF-8";
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss Z",
            Locale.ENGLISH);
    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
    private static final Session SESSION = Session.getInstance(new Properties());

    private final InternetAddress from;
    private final List<InternetAddress> to = new ArrayList<>();
    private final List<InternetAddress> cc = new ArrayList<>();
    private InternetAddress replyTo;
    private String subject;
    private String text;
    private String html;
    private final List<Attachment> attachments = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String messageId;
    private String inReplyTo;
    private String references;

    private record Attachment(String fileName, String contentType, byte[] bytes) {
    }

    private OutgoingMail(InternetAddress from) {
        this.from = from;
    }

    /** A message from {@code address}, shown as {@code displayName} (none if null). */
    public static OutgoingMail from(String address, String displayName) {
        InternetAddress a = address(address);
        if (displayName != null) {
            try {
                a.setPersonal(oneLine(displayName), CHARSET);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new OutgoingMail(a);
    }

    /**
     * A Message-ID of the gateway's one form, {@code <unique.kind@host>}: {@code unique} makes it
     * unique (a UUID, or item and queue ids where a later message must name this one), {@code kind}
     * says what the gateway wrote ("auto-reply", "held-notice"), {@code host} is the gateway's
     * hostname or mail domain.
     */
    public static String id(String unique, String kind, String host) {
        return msgId("<" + unique + "." + kind + "@" + host + ">");
    }

    public OutgoingMail to(String address) {
        to.add(address(address));
        return this;
    }

    public OutgoingMail cc(String address) {
        cc.add(address(address));
        return this;
    }

    public OutgoingMail replyTo(String address) {
        replyTo = address(address);
        return this;
    }

    public OutgoingMail subject(String subject) {
        this.subject = oneLine(subject);
        return this;
    }

    public OutgoingMail text(String text) {
        this.text = text;
        return this;
    }

    /** An HTML version of the text: the message becomes multipart/alternative. */
    public OutgoingMail html(String html) {
        this.html = html;
        return this;
    }

    /** A file sent with the message (base64): the message becomes multipart/mixed. */
    public OutgoingMail attach(String fileName, String contentType, byte[] bytes) {
        try {
            new ContentType(noLineBreak(contentType));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a content type: \"" + contentType + "\"", e);
        }
        attachments.add(new Attachment(oneLine(fileName), contentType, bytes.clone()));
        return this;
    }

    /** A header field saying what kind of mail this is, such as {@code Auto-Submitted: auto-replied}. */
    public OutgoingMail header(String name, String value) {
        headers.put(noLineBreak(name), noLineBreak(value));
        return this;
    }

    /** The Message-ID, made with {@link #id}. */
    public OutgoingMail messageId(String id) {
        messageId = msgId(id);
        return this;
    }

    /**
     * Threads this message under {@code parentId} (RFC 5322 section 3.6.4): In-Reply-To the
     * parent, References the parent's own references followed by the parent.
     */
    public OutgoingMail inReplyTo(String parentId, List<String> parentReferences) {
        List<String> chain = new ArrayList<>(parentReferences);
        chain.add(parentId);
        chain.forEach(OutgoingMail::msgId);
        inReplyTo = parentId;
        references = MimeUtility.fold("References: ".length(), String.join(" ", chain));
        return this;
    }

    /** The message as it goes to the outbox, dated now by {@code clock} in the clock's zone. */
    public byte[] toBytes(Clock clock) throws IOException {
        if (to.isEmpty() || subject == null || text == null || messageId == null) {
            throw new IllegalStateException("an outgoing message needs a recipient, a subject, a text and a "
                    + "Message-ID");
        }
        try {
            MimeMessage m = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            m.setHeader("Date", RFC_5322.format(ZonedDateTime.now(clock)));
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            if (!cc.isEmpty()) {
                m.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
            }
            if (replyTo != null) {
                m.setReplyTo(new InternetAddress[] {replyTo});
            }
            m.setSubject(subject, CHARSET);
            if (inReplyTo != null) {
                m.setHeader("In-Reply-To", inReplyTo);
                m.setHeader("References", references);
            }
            for (Map.Entry<String, String> h : headers.entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            setBody(m);
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IOException("cannot write the message " + messageId + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private void setBody(MimeMessage m) throws MessagingException {
        if (attachments.isEmpty()) {
            if (html == null) {
                m.setText(crlf(text), CHARSET);
            } else {
                m.setContent(alternative());
            }
            return;
        }
        MimeBodyPart words;
        if (html == null) {
            words = textPart(text, "plain");
        } else {
            words = new MimeBodyPart();
            words.setContent(alternative());
        }
        MimeMultipart mixed = new MimeMultipart("mixed", words);
        for (Attachment a : attachments) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.bytes(), a.contentType())));
            part.setFileName(a.fileName());
            part.setDisposition(Part.ATTACHMENT);
            // Set here, or saveChanges would add a name parameter and choose the encoding itself.
            part.setHeader("Content-Type", a.contentType());
            part.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(part);
        }
        m.setContent(mixed);
    }

    private MimeMultipart alternative() throws MessagingException {
        return new MimeMultipart("alternative", textPart(text, "plain"), textPart(html, "html"));
    }

    private static MimeBodyPart textPart(String s, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(crlf(s), CHARSET, subtype);
        return part;
    }

    /** Mail is CRLF on the wire; a bare LF would also escape the SMTP client's dot-stuffing. */
    private static String crlf(String s) {
        return s.replaceAll("\r\n|\r|\n", "\r\n");
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(noLineBreak(address), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not one e-mail address: \"" + address + "\" (" + e.getMessage() + ")",
                    e);
        }
    }

    private static String msgId(String id) {
        if (id == null || !MSG_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Message-ID like <unique@host>: \"" + id + "\"");
        }
        return id;
    }

    private static String oneLine(String s) {
        return LINE_BREAKS.matcher(s).replaceAll(" ").strip();
    }

    private static String noLineBreak(String s) {
        if (s == null || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            // The value is left out: it may be a sender's attempt to write a log line of its own.
            throw new IllegalArgumentException("a header field must be given and cannot hold a line break");
        }
        return s;
    }
}
