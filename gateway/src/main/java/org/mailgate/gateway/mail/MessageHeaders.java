package org.mailgate.gateway.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The header section of a message that arrived, read once per message and shared by every
 * step after the spool: the protection stage (subject, content type, who is shown in To/Cc),
 * the out-of-office replies (the RFC 3834 / RFC 5230 fields and those a reply refers back to),
 * the portal and the quarantine (subject). Values are unfolded and trimmed; the subject is
 * decoded (RFC 2047); absent fields are "". A header section that cannot be parsed at all
 * gives {@link #UNREADABLE}: no subject, "text/plain", nobody shown, {@code readable} false.
 */
public record MessageHeaders(boolean readable, String subject, String contentType, Set<String> toAndCc,
        String messageId, String references, String inReplyTo, String autoSubmitted, String precedence,
        boolean hasListHeader, String autoResponseSuppress) {

    public static final MessageHeaders UNREADABLE = new MessageHeaders(false, "", "text/plain", Set.of(), "", "", "",
            "", "", false, "");

    public MessageHeaders {
        toAndCc = Set.copyOf(toAndCc);
    }

    /** Reads the header section at the start of {@code message}; stops at the blank line. */
    public static MessageHeaders read(InputStream message) throws IOException {
        InternetHeaders h;
        try {
            h = new InternetHeaders(message);
        } catch (MessagingException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            return UNREADABLE;
        }
        boolean list = false;
        for (Header x : Collections.list(h.getAllHeaders())) {
            list |= x.getName().toLowerCase(Locale.ROOT).startsWith("list-");
        }
        String type = field(h, "Content-Type");
        return new MessageHeaders(true, HeaderText.decode(field(h, "Subject")), type.isEmpty() ? "text/plain" : type,
                toAndCc(h), field(h, "Message-ID"), field(h, "References"), field(h, "In-Reply-To"),
                field(h, "Auto-Submitted"), field(h, "Precedence"), list, field(h, "X-Auto-Response-Suppress"));
    }

    private static String field(InternetHeaders h, String name) {
        String v = h.getHeader(name, ", ");
        return v == null ? "" : MimeUtility.unfold(v).trim();
    }

    /** Addresses in To and Cc, lower-cased; a field that does not parse shows nobody. */
    private static Set<String> toAndCc(InternetHeaders h) {
        Set<String> out = new HashSet<>();
        for (String name : new String[] {"To", "Cc"}) {
            String[] values = h.getHeader(name);
            for (String v : values == null ? new String[0] : values) {
                try {
                    for (InternetAddress a : InternetAddress.parseHeader(MimeUtility.unfold(v), false)) {
                        if (a.getAddress() != null) {
                            out.add(a.getAddress().toLowerCase(Locale.ROOT));
                        }
                    }
                } catch (MessagingException e) {
                    // nobody visible in this field
                }
            }
        }
        return out;
    }
}
