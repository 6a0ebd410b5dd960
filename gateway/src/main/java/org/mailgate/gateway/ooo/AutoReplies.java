package org.mailgate.gateway.ooo;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the out-of-office reply itself, as RFC 3834 asks: from the person, to the envelope
 * sender, marked {@code Auto-Submitted: auto-replied}, threaded under the original, with a
 * subject saying it is automatic, and words from the {@link ReplyTemplate}.
 */
final class AutoReplies {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");

    private final ReplyTemplate template;
    private final String subjectPrefix;
    private final Clock clock;
    private final String hostname;
    private final Supplier<String> uniqueIds;
    private final Session session = Session.getInstance(new Properties());

    AutoReplies(ReplyTemplate template, String subjectPrefix, Clock clock, String hostname,
            Supplier<String> uniqueIds) {
        this.template = template;
        this.subjectPrefix = subjectPrefix;
        this.clock = clock;
        this.hostname = hostname;
        this.uniqueIds = uniqueIds;
    }

    /**
     * The reply from {@code staff} (on leave for {@code period}) to {@code sender} about a
     * message with headers {@code original}.
     */
    byte[] compose(LeavePeriod period, String sender, IncomingHeaders original, boolean internalSender)
            throws IOException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(period.address(), nameOf(period.address()), "UTF-8"));
            m.setRecipients(MimeMessage.RecipientType.TO, new InternetAddress[] {new InternetAddress(sender, true)});
            m.setSubject(subjectPrefix + (original.subject().isBlank() ? "Out of office" : original.subject().strip()),
                    "UTF-8");
            m.setHeader("Date", Dates.rfc5322(clock));
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setHeader("X-Auto-Response-Suppress", "All");
            thread(m, original);
            Map<String, String> values = values(period, internalSender);
            String text = template.text(values);
            Optional<String> html = template.html(values);
            if (html.isPresent()) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, "UTF-8");
                MimeBodyPart rich = new MimeBodyPart();
                rich.setText(html.get(), "UTF-8", "html");
                alternative.addBodyPart(plain);
                alternative.addBodyPart(rich);
                m.setContent(alternative);
            } else {
                m.setText(text, "UTF-8");
            }
            m.saveChanges();
            m.setHeader("Message-ID", "<" + uniqueIds.get() + ".auto-reply@" + hostname + ">");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IOException("cannot write the auto-reply to <" + sender + ">: " + e.getMessage(), e);
        }
    }

    /** In-Reply-To and References as RFC 5322 section 3.6.4 builds them for a reply. */
    private static void thread(MimeMessage m, IncomingHeaders original) throws MessagingException {
        List<String> parent = ids(original.messageId());
        if (parent.isEmpty()) {
            return;
        }
        List<String> references = new ArrayList<>(ids(original.references()));
        if (references.isEmpty()) {
            List<String> inReplyTo = ids(original.inReplyTo());
            if (inReplyTo.size() == 1) {
                references.addAll(inReplyTo);
            }
        }
        references.add(parent.get(0));
        m.setHeader("In-Reply-To", parent.get(0));
        m.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", references)));
    }

    /** Message identifiers in a field; anything else in it (comments, stray text) is dropped. */
    private static List<String> ids(String field) {
        List<String> out = new ArrayList<>();
        Matcher m = MSG_ID.matcher(field);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Map<String, String> values(LeavePeriod p, boolean internalSender) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", nameOf(p.address()));
        v.put("address", p.address());
        v.put("first_day", Dates.longDate(p.firstDay()));
        v.put("last_day", Dates.longDate(p.lastDay()));
        v.put("returning", Dates.longDate(p.returning()));
        v.put("alternative_contact", p.alternativeContact());
        v.put("message", p.textFor(internalSender));
        return v;
    }

    /**
     * "Jane Smith" for jane.smith@...: made from the address, never from a display name in
     * the incoming message, which the sender could have written to say anything.
     */
    static String nameOf(String address) {
        int at = address.indexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        List<String> words = new ArrayList<>();
        for (String w : local.split("[._-]+")) {
            if (!w.isEmpty()) {
                words.add(w.substring(0, 1).toUpperCase(Locale.UK) + w.substring(1));
            }
        }
        return String.join(" ", words);
    }
}
