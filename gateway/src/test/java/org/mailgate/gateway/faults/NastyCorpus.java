package org.mailgate.gateway.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the committed corpus of hostile messages in gateway/src/test/resources/nasty (read by
 * {@link NastyCorpusTest}). Every message carries the sentinel National Insurance number
 * {@link #SENTINEL} somewhere, readable or not, so none may reach an external recipient in
 * clear. Run from the repository root to regenerate:
 *
 * <pre>java gateway/src/test/java/org/mailgate/gateway/faults/NastyCorpus.java gateway/src/test/resources/nasty</pre>
 */
public final class NastyCorpus {
    static final String SENTINEL = "AB 12 34 56 C";
    private static final String HEAD = "From: worker@council.example\r\nTo: parent@home.example\r\n"
            + "Date: Sun, 29 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";

    private NastyCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "gateway/src/test/resources/nasty");
        Files.createDirectories(dir);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("deep-nesting.eml", deepNesting(300));
        files.put("ten-thousand-parts.eml", manyParts(10_000));
        files.put("header-line-1mb.eml", ascii(HEAD + "Subject: long header\r\nX-Filler: " + "a".repeat(1 << 20)
                + "\r\n\r\nNI number " + SENTINEL + "\r\n"));
        files.put("header-1mb-folded.eml", ascii(HEAD + "Subject: long header\r\nX-Filler: "
                + ("a".repeat(70) + "\r\n ").repeat(15_000) + "end\r\n\r\nNI number " + SENTINEL + "\r\n"));
        files.put("subject-100kb-folded.eml", ascii(HEAD + "Subject: " + "padding padding padding\r\n ".repeat(4_000)
                + "NI " + SENTINEL + "\r\nContent-Type: text/plain\r\n\r\nSee the subject.\r\n"));
        files.put("invalid-charsets.eml", invalidCharsets());
        files.put("header-injection.eml", ascii("From: =?utf-8?q?Jo=0D=0ABcc:_victim@evil.example?= <worker@council.example>\r\n"
                + "To: parent@home.example\r\nMIME-Version: 1.0\r\n"
                + "Subject: =?utf-8?q?Plan=0D=0ABcc:_victim@evil.example=0D=0A=0D=0Ainjected_body?=\r\n"
                + "Reply-To: \"x\r\n Bcc: victim@evil.example\" <worker@council.example>\r\n"
                + "Content-Type: text/plain\r\n\r\nNational Insurance number: " + SENTINEL + "\r\n"));
        files.put("zip-bomb.eml", withAttachment("records.zip", "application/zip", zipBomb(64 << 20)));
        files.put("encrypted-zip.eml", withAttachment("records.zip", "application/zip",
                passwordProtected(zip("records.txt", ascii("National Insurance number: " + SENTINEL + "\n")))));
        files.put("broken-mime.eml", ascii(HEAD + "Subject: broken\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n"
                + "--never\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "!!not*base64" + Base64.getEncoder().encodeToString(ascii("NI " + SENTINEL)) + "%%\r\n"
                + "--never\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "=ZZ=4 NI number " + SENTINEL + "=\r\n"));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
    }

    static byte[] deepNesting(int depth) {
        StringBuilder b = new StringBuilder(HEAD).append("Subject: deep\r\n");
        for (int i = 0; i < depth; i++) {
            b.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        b.append("Content-Type: text/plain\r\n\r\nNational Insurance number: ").append(SENTINEL).append("\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            b.append("--b").append(i).append("--\r\n");
        }
        return ascii(b.toString());
    }

    static byte[] manyParts(int parts) {
        StringBuilder b = new StringBuilder(HEAD).append("Subject: many parts\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            b.append("--p\r\nContent-Type: text/plain\r\n\r\n")
                    .append(i == parts - 1 ? "National Insurance number: " + SENTINEL : "part " + i).append("\r\n");
        }
        return ascii(b.append("--p--\r\n").toString());
    }

    static byte[] invalidCharsets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(HEAD + "Subject: =?x-no-such-charset?B?" + Base64.getEncoder().encodeToString(ascii("NI " + SENTINEL))
                + "?=\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n"
                + "--c\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nNational Insurance number: "
                + SENTINEL + "\r\n--c\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"));
        out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x00});
        out.writeBytes(ascii(" NI number " + SENTINEL + " \r\n--c\r\nContent-Type: text/plain; charset=utf-16\r\n\r\n"));
        out.writeBytes(new byte[] {(byte) 0xD8, 0x00, 0x00, 0x41}); // a lone surrogate
        out.writeBytes(ascii("\r\n--c--\r\n"));
        return out.toByteArray();
    }

    static byte[] withAttachment(String name, String type, byte[] content) {
        String b64 = Base64.getMimeEncoder().encodeToString(content);
        return ascii(HEAD + "Subject: records\r\nContent-Type: multipart/mixed; boundary=\"a\"\r\n\r\n"
                + "--a\r\nContent-Type: text/plain\r\n\r\nSee the attached records.\r\n"
                + "--a\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\""
                + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--a--\r\n");
    }

    static byte[] zip(String name, byte[] data) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bos)) {
            ZipEntry e = new ZipEntry(name);
            e.setTime(0);
            zip.putNextEntry(e);
            zip.write(data);
            zip.closeEntry();
            zip.finish();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 64 MB of zeros with the sentinel at the end, in one entry: about 1000:1. */
    static byte[] zipBomb(int size) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bos)) {
            ZipEntry e = new ZipEntry("records.txt");
            e.setTime(0);
            zip.putNextEntry(e);
            byte[] chunk = new byte[1 << 20];
            for (int written = 0; written < size; written += chunk.length) {
                zip.write(chunk);
            }
            zip.write(ascii("National Insurance number: " + SENTINEL));
            zip.closeEntry();
            zip.finish();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entries claim to be encrypted (flag bit 0), as a password-protected archive's do. */
    static byte[] passwordProtected(byte[] z) {
        for (int i = 0; i + 8 < z.length; i++) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 3 && z[i + 3] == 4) {
                z[i + 6] |= 1;
            } else if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2) {
                z[i + 8] |= 1;
            }
        }
        return z;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
