package org.mailgate.gateway.protect;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.gateway.mail.HeaderText;

/** The few header operations the protection stage needs, byte-exact where it changes them. */
public final class Headers {

    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject:[^\\r\\n]*(\\r?\\n[ \\t][^\\r\\n]*)*");

    private Headers() {
    }

    /** What the protection stage reads from a message's header section. */
    public record Summary(String subject, String contentType, Set<String> visibleRecipients) {
    }

    /**
     * Reads the header section once: the decoded Subject ("" if none), the Content-Type
     * ("text/plain" if none) and the addresses shown in To and Cc, lower-cased. Headers that
     * cannot be parsed give the defaults (and nobody visible, so nobody shares an S/MIME copy).
     */
    public static Summary read(InputStream message) throws IOException {
        InternetHeaders h;
        try {
            h = new InternetHeaders(message);
        } catch (MessagingException e) {
            return new Summary("", "text/plain", Set.of());
        }
        String subject = h.getHeader("Subject", null);
        String type = h.getHeader("Content-Type", null);
        return new Summary(subject == null ? "" : HeaderText.decode(subject),
                type == null ? "text/plain" : MimeUtility.unfold(type), visible(h));
    }

    private static Set<String> visible(InternetHeaders h) {
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
                    // an unparseable field shows nobody
                }
            }
        }
        return out;
    }

    /**
     * Rewrites the raw Subject line of the header section with {@code rewrite}; everything
     * else, header and body, keeps its exact bytes.
     */
    static byte[] rewriteSubject(byte[] message, java.util.function.UnaryOperator<String> rewrite) {
        int headerEnd = headerEnd(message);
        String header = new String(message, 0, headerEnd, StandardCharsets.ISO_8859_1);
        Matcher m = SUBJECT.matcher(header);
        if (!m.find()) {
            return message;
        }
        String value = m.group().substring("Subject:".length()).replaceAll("\\r?\\n[ \\t]", " ").trim();
        String replaced = "Subject: " + rewrite.apply(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        out.writeBytes((header.substring(0, m.start()) + replaced + header.substring(m.end()))
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(message, headerEnd, message.length - headerEnd);
        return out.toByteArray();
    }

    private static int headerEnd(byte[] m) {
        for (int i = 0; i + 1 < m.length; i++) {
            if (m[i] == '\n' && (m[i + 1] == '\n' || (m[i + 1] == '\r' && i + 2 < m.length && m[i + 2] == '\n'))) {
                return i + 1;
            }
        }
        return m.length;
    }
}
