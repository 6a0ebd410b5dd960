package org.mailgate.certs;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Writes the outer message around a protected S/MIME body, with CRLF line endings throughout. */
final class SmimeMessageWriter {

    static final String PROTECTION_HEADER = "X-Mailgate-Protection";

    private SmimeMessageWriter() {
    }

    /**
     * @param outer the original routing and addressing fields (From, To, Cc, Date, Message-ID, Subject, ...)
     * @param contentFields the new Content-* fields, each a complete field (may be folded with CRLF)
     */
    static byte[] write(List<RawMessage.Field> outer, Optional<String> subjectReplacement, List<String> contentFields,
            String protection, byte[] body) {
        byte[] h = header(outer, subjectReplacement, contentFields, protection);
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.length + body.length);
        out.writeBytes(h);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The outer header section, ending with the blank line. */
    static byte[] header(List<RawMessage.Field> outer, Optional<String> subjectReplacement, List<String> contentFields,
            String protection) {
        StringBuilder h = new StringBuilder();
        boolean subjectWritten = false;
        for (RawMessage.Field f : outer) {
            if (f.is("Subject") && subjectReplacement.isPresent()) {
                if (!subjectWritten) {
                    h.append(subjectField(subjectReplacement.get())).append("\r\n");
                    subjectWritten = true;
                }
                continue;
            }
            h.append(f.raw()).append("\r\n");
        }
        if (!subjectWritten && subjectReplacement.isPresent()) {
            h.append(subjectField(subjectReplacement.get())).append("\r\n");
        }
        h.append("MIME-Version: 1.0\r\n");
        for (String c : contentFields) {
            h.append(c).append("\r\n");
        }
        h.append(PROTECTION_HEADER).append(": ").append(protection).append("\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A stream that writes what it is given to {@code out} as base64 in 76-character lines, as
     * {@link #base64Lines} does; closing it ends the last line but leaves {@code out} open.
     */
    static OutputStream base64LinesTo(OutputStream out) {
        OutputStream keepOpen = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.write(new byte[] {'\r', '\n'});
                out.flush();
            }
        };
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).wrap(keepOpen);
    }

    /** Base64 in 76-character lines, as RFC 2045 requires. */
    static byte[] base64Lines(byte[] data) {
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        return (b64 + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String subjectField(String subject) {
        boolean ascii = subject.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
        if (ascii) {
            return MimeUtility.fold(0, "Subject: " + subject);
        }
        try {
            return "Subject: " + MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", "B"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}
