package org.mailgate.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 5322 message split into raw header fields and body bytes, byte-exact. Jakarta Mail is
 * deliberately not used here: it may re-encode bodies and re-fold headers, and the recipient must
 * get exactly the original MIME entity after decryption.
 *
 * <p>Header fields are kept as ISO-8859-1 strings so that 8-bit bytes survive unchanged.
 */
final class RawMessage {

    /** One header field; {@code raw} is the whole field including folded lines, joined by CRLF. */
    record Field(String name, String raw) {
        boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }

        boolean isContentField() {
            return name.toLowerCase(Locale.ROOT).startsWith("content-");
        }
    }

    private final List<Field> fields;
    private final byte[] body;

    private RawMessage(List<Field> fields, byte[] body) {
        this.fields = fields;
        this.body = body;
    }

    /**
     * Reads the header section from {@code message}, leaving the stream at the first body byte.
     * The result has no body: write it with {@link #writeContentEntity}.
     *
     * @throws IllegalArgumentException when the header is not a sequence of header fields
     */
    static RawMessage parseHeader(InputStream message) throws IOException {
        RawMessage parsed = parse(HeaderSection.read(message));
        return new RawMessage(parsed.fields, null);
    }

    /**
     * Writes the MIME entity (see {@link #contentEntity()}), with the original Subject field
     * inside it as well if {@code withSubject} (the outer one is being replaced: the recipient
     * still sees it once decrypted), and the body read from {@code body} as it comes.
     */
    void writeContentEntity(boolean withSubject, InputStream body, OutputStream out) throws IOException {
        for (Field f : fields) {
            if (f.isContentField() || (withSubject && f.is("Subject"))) {
                out.write((f.raw() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.write(new byte[] {'\r', '\n'});
        if (isBinary()) {
            body.transferTo(out);
        } else {
            canonical(body, out);
        }
    }

    /** @throws IllegalArgumentException when the header is not a sequence of header fields */
    static RawMessage parse(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        int lineNo = 0;
        while (pos < message.length) {
            int lf = indexOf(message, (byte) '\n', pos);
            int end = lf < 0 ? message.length : lf;
            int next = lf < 0 ? message.length : lf + 1;
            int contentEnd = end > pos && message[end - 1] == '\r' ? end - 1 : end;
            String line = new String(message, pos, contentEnd - pos, StandardCharsets.ISO_8859_1);
            lineNo++;
            pos = next;
            if (line.isEmpty()) {
                break; // end of header; the rest is the body
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                Field last = fields.remove(fields.size() - 1);
                fields.add(new Field(last.name(), last.raw() + "\r\n" + line));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).strip().equals(line.substring(0, colon))) {
                throw new IllegalArgumentException("line " + lineNo + " of the message header is not a header field");
            }
            fields.add(new Field(line.substring(0, colon), line));
        }
        byte[] body = new byte[message.length - pos];
        System.arraycopy(message, pos, body, 0, body.length);
        return new RawMessage(List.copyOf(fields), body);
    }

    List<Field> fields() {
        return fields;
    }

    /**
     * The message's MIME entity: its Content-* fields and its body. Line endings are put into the
     * canonical CRLF form S/MIME requires (RFC 8551 section 3.1.1), except for a
     * Content-Transfer-Encoding of binary, whose bytes carry no line structure.
     */
    byte[] contentEntity() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        try {
            writeContentEntity(false, new java.io.ByteArrayInputStream(body), out);
        } catch (IOException e) {
            throw new IllegalStateException("in memory", e);
        }
        return out.toByteArray();
    }

    /** Header fields that stay visible outside the protected entity. */
    List<Field> outerFields() {
        return fields.stream()
                .filter(f -> !f.isContentField() && !f.is("MIME-Version") && !f.is(SmimeMessageWriter.PROTECTION_HEADER))
                .toList();
    }

    private boolean isBinary() {
        return fields.stream().filter(f -> f.is("Content-Transfer-Encoding"))
                .anyMatch(f -> f.raw().substring(f.raw().indexOf(':') + 1).strip().equalsIgnoreCase("binary"));
    }

    /** {@code in} with every bare LF made CRLF (RFC 8551 section 3.1.1). */
    static byte[] canonicalLineEndings(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 40);
        try {
            canonical(new java.io.ByteArrayInputStream(in), out);
        } catch (IOException e) {
            throw new IllegalStateException("in memory", e);
        }
        return out.toByteArray();
    }

    private static void canonical(InputStream body, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        byte[] canon = new byte[2 * buf.length];
        int last = -1;
        int n;
        while ((n = body.read(buf)) > 0) {
            int o = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n' && last != '\r') {
                    canon[o++] = '\r';
                }
                canon[o++] = buf[i];
                last = buf[i];
            }
            out.write(canon, 0, o);
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
