package org.mailgate.gateway.ooo;

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
import org.mailgate.gateway.mail.HeaderText;

/**
 * What an auto-reply needs from a message's header section: the fields RFC 3834 and RFC 5230
 * use to decide whether to answer, and those a reply refers back to. Values are unfolded;
 * absent fields are "".
 */
record IncomingHeaders(String subject, String messageId, String references, String inReplyTo,
        String autoSubmitted, String precedence, boolean hasListHeader, String autoResponseSuppress,
        Set<String> toAndCc) {

    static IncomingHeaders read(InputStream message) throws IOException {
        InternetHeaders h;
        try {
            h = new InternetHeaders(message);
        } catch (MessagingException e) {
            throw new IOException("the header section cannot be read: " + e.getMessage(), e);
        }
        boolean list = Collections.list(h.getAllHeaders()).stream()
                .anyMatch(x -> x.getName().toLowerCase(Locale.ROOT).startsWith("list-"));
        return new IncomingHeaders(decoded(h, "Subject"), field(h, "Message-ID"), field(h, "References"),
                field(h, "In-Reply-To"), field(h, "Auto-Submitted"), field(h, "Precedence"), list,
                field(h, "X-Auto-Response-Suppress"), toAndCc(h));
    }

    private static String field(InternetHeaders h, String name) {
        String v = h.getHeader(name, ", ");
        return v == null ? "" : MimeUtility.unfold(v).trim();
    }

    private static String decoded(InternetHeaders h, String name) {
        return HeaderText.decode(field(h, name));
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
        return Set.copyOf(out);
    }
}
