package org.mailgate.gateway.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * The header section of a message that arrived, read once per message and shared by every
 * step after the spool: the protection stage (subject, content type, who is shown in To/Cc),
 * the out-of-office replies (the RFC 3834 / RFC 5230 fields and those a reply refers back to),
 * the portal and the quarantine (subject), the sensitivity labels (msip_labels and the marking fields). Values are unfolded and trimmed; the subject is
 * decoded (RFC 2047); absent fields are "". A header section that cannot be parsed at all
 * gives {@link #UNREADABLE}: no subject, "text/plain", nobody shown, {@code readable} false.
 */
public record MessageHeaders(boolean readable, String subject, String contentType, Set<String> toAndCc,
        String messageId, String references, String inReplyTo, String autoSubmitted, String precedence,
        boolean hasListHeader, String autoResponseSuppress, Map<String, String> labelFields) {

    /** The header fields that carry sensitivity labels and protective markings, read into {@link #labelFields}. */
    public static final List<String> LABEL_FIELDS = List.of("msip_labels", "X-Microsoft-Classification",
            "X-Protective-Marking");

    public static final MessageHeaders UNREADABLE = new MessageHeaders(false, "", "text/plain", Set.of(), "", "", "",
            "", "", false, "");

    public MessageHeaders {
        toAndCc = Set.copyOf(toAndCc);
        labelFields = Map.copyOf(labelFields);
    }

    /** Without label fields. */
    public MessageHeaders(boolean readable, String subject, String contentType, Set<String> toAndCc, String messageId,
            String references, String inReplyTo, String autoSubmitted, String precedence, boolean hasListHeader,
            String autoResponseSuppress) {
        this(readable, subject, contentType, toAndCc, messageId, references, inReplyTo, autoSubmitted, precedence,
                hasListHeader, autoResponseSuppress, Map.of());
    }

    /** The unfolded value of a label field ({@link #LABEL_FIELDS}, any case), or "". */
    public String labelField(String name) {
        return labelFields.getOrDefault(name.toLowerCase(Locale.ROOT), "");
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
        Map<String, String> labels = new HashMap<>();
        for (String name : LABEL_FIELDS) {
            // Several fields of one name (one per tenant) read as one list of entries.
            String v = h.getHeader(name, "; ");
            if (v != null) {
                labels.put(name.toLowerCase(Locale.ROOT), MimeUtility.unfold(v).trim());
            }
        }
        return new MessageHeaders(true, HeaderText.decode(field(h, "Subject")), type.isEmpty() ? "text/plain" : type,
                toAndCc(h), field(h, "Message-ID"), field(h, "References"), field(h, "In-Reply-To"),
                field(h, "Auto-Submitted"), field(h, "Precedence"), list, field(h, "X-Auto-Response-Suppress"), labels);
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
