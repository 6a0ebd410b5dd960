package org.mailgate.gateway.protect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.certs.HeaderSection;

/** Rewrites the Subject of a message byte-exactly (everything else keeps its bytes): for encrypted copies. */
final class SubjectLine {

    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject:[^\\r\\n]*(\\r?\\n[ \\t][^\\r\\n]*)*");

    private SubjectLine() {
    }

    /**
     * The same rewrite on a stream: only the header section is read into memory (up to 1 MB;
     * SMTP limits keep real ones far smaller); the body follows as it comes.
     */
    static InputStream rewriteSubject(InputStream message, java.util.function.UnaryOperator<String> rewrite)
            throws IOException {
        byte[] header;
        try {
            header = HeaderSection.read(message);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a message this gateway would have accepted: " + e.getMessage(), e);
        }
        return new SequenceInputStream(new ByteArrayInputStream(rewriteSubject(header, rewrite)), message);
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
