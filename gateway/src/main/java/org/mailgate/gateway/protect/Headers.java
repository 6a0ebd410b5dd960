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

/** The few header operations the protection stage needs, byte-exact where it changes them. */
public final class Headers {

    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject:[^\\r\\n]*(\\r?\\n[ \\t][^\\r\\n]*)*");

    private Headers() {
    }

    /** The addresses in To and Cc, lower-cased: who the message shows as its recipients. */
    static Set<String> visibleRecipients(InputStream message) throws IOException {
        Set<String> out = new HashSet<>();
        try {
            InternetHeaders h = new InternetHeaders(message);
            for (String name : new String[] {"To", "Cc"}) {
                String[] values = h.getHeader(name);
                if (values == null) {
                    continue;
                }
                for (String v : values) {
                    for (InternetAddress a
                            : InternetAddress.parseHeader(MimeUtility.unfold(v), false)) {
                        if (a.getAddress() != null) {
                            out.add(a.getAddress().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        } catch (MessagingException e) {
            // unparseable headers: everyone counts as hidden, so nobody shares a copy
        }
        return out;
    }

    /** The Content-Type header (unfolded), or "text/plain" when there is none. */
    static String contentType(InputStream message) throws IOException {
        try {
            String raw = new InternetHeaders(message).getHeader("Content-Type", null);
            return raw == null ? "text/plain" : MimeUtility.unfold(raw);
        } catch (MessagingException e) {
            return "text/plain";
        }
    }

    /** The decoded Subject, or "" when there is none. */
    public static String subject(InputStream message) throws IOException {
        try {
            InternetHeaders h = new InternetHeaders(message);
            String raw = h.getHeader("Subject", null);
            return raw == null ? "" : MimeUtility.decodeText(MimeUtility.unfold(raw));
        } catch (MessagingException e) {
            return "";
        }
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
