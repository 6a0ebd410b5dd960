package org.mailgate.classifier;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.mime.MediaType;

/**
 * Walks a message's MIME tree and dispatches each part: inline text and HTML become {@code body},
 * nested messages are walked recursively, everything else goes through {@link #extractBytes}
 * (ZIP by {@link ZipWalker}, documents by {@link TikaText}). Nothing here throws for bad input:
 * a part that fails is recorded as unscannable in the {@link ExtractionContext}.
 */
final class Extractor {
    /** Guards against deeply nested multiparts, which cost stack but are not "attachments". */
    private static final int MAX_MULTIPART_DEPTH = 40;

    private final Session session = Session.getInstance(new Properties());
    private final TikaText tika;
    private final ZipWalker zip = new ZipWalker(this);

    Extractor() {
        this.tika = new TikaText(this);
    }

    void extractMessage(byte[] rfc822, ExtractionContext ctx) {
        try {
            MimeMessage msg = new MimeMessage(session, new ByteArrayInputStream(rfc822));
            walkMessage(msg, null, 0, ctx);
        } catch (MessagingException | RuntimeException e) {
            ctx.unscannable("message", "malformed MIME (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Whether the message holds nothing but text bodies (text/plain or text/html parts that are
     * not attachments, in multiparts of any shape): nothing a document or archive parser would
     * have to open. Only the structure is read; a message that does not parse answers false.
     */
    boolean onlyTextBodies(byte[] rfc822) {
        try {
            return onlyText(new MimeMessage(session, new ByteArrayInputStream(rfc822)), 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean onlyText(Part part, int mimeDepth) throws MessagingException, IOException {
        if (mimeDepth > MAX_MULTIPART_DEPTH) {
            return false;
        }
        String base = contentType(part).getBaseType().toLowerCase(Locale.ROOT);
        if (base.startsWith("multipart/")) {
            if (!(part.getContent() instanceof Multipart mp)) {
                return false;
            }
            for (int i = 0; i < mp.getCount(); i++) {
                if (!onlyText(mp.getBodyPart(i), mimeDepth + 1)) {
                    return false;
                }
            }
            return true;
        }
        boolean attachment = fileName(part) != null || Part.ATTACHMENT.equalsIgnoreCase(safeDisposition(part));
        return !attachment && (base.equals("text/plain") || base.equals("text/html"));
    }

    private void walkMessage(MimeMessage msg, String prefix, int depth, ExtractionContext ctx) {
        try {
            String subject = msg.getHeader("Subject", null);
            if (subject != null) {
                ctx.addText(prefix == null ? "subject" : prefix, decodeWord(subject));
            }
        } catch (MessagingException | RuntimeException e) {
            // An unreadable Subject header is not worth failing the message for; the body still counts.
        }
        walkPart(msg, prefix, depth, 0, ctx);
    }

    private void walkPart(Part part, String prefix, int depth, int mimeDepth, ExtractionContext ctx) {
        String here = prefix == null ? "body" : prefix;
        if (ctx.timeUp()) {
            ctx.unscannable(here, "time limit reached");
            return;
        }
        if (mimeDepth > MAX_MULTIPART_DEPTH) {
            ctx.unscannable(here, "MIME nesting too deep");
            return;
        }
        String name = null;
        try {
            ContentType type = contentType(part);
            String base = type.getBaseType().toLowerCase(Locale.ROOT);
            name = fileName(part);
            boolean attachment = name != null || Part.ATTACHMENT.equalsIgnoreCase(safeDisposition(part));

            if (base.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart mp) {
                    for (int i = 0; i < mp.getCount(); i++) {
                        BodyPart bp = mp.getBodyPart(i);
                        walkPart(bp, prefix, depth, mimeDepth + 1, ctx);
                    }
                } else {
                    ctx.unscannable(here, "malformed multipart");
                }
                return;
            }
            if (base.equals("message/rfc822")) {
                String loc = child(prefix, name == null ? "message.eml" : name);
                if (name != null) {
                    ctx.addText(loc, name);
                }
                if (depth + 1 > ctx.settings.maxDepth()) {
                    ctx.unscannable(loc, "nesting too deep");
                    return;
                }
                byte[] bytes = ExtractionContext.readBounded(decodedStream(part), ctx.settings.maxPartBytes());
                walkMessage(new MimeMessage(session, new ByteArrayInputStream(bytes)), loc, depth + 1, ctx);
                return;
            }
            if (!attachment && (base.equals("text/plain") || base.equals("text/html"))) {
                byte[] bytes = ExtractionContext.readBounded(decodedStream(part), ctx.settings.maxPartBytes());
                String charset = type.getParameter("charset");
                if (base.equals("text/plain")) {
                    ctx.addText(here, decode(bytes, charset));
                } else {
                    tika.extract(bytes, "body.html", "text/html" + (charset == null ? "" : "; charset=" + charset), here, depth, ctx);
                }
                return;
            }
            String attachmentName = name == null ? "part." + subtype(base) : name;
            String loc = child(prefix, attachmentName);
            if (name != null) {
                ctx.addText(loc, name); // file names are scanned too: "J Smith NI AB123456C.pdf"
            }
            byte[] bytes = ExtractionContext.readBounded(decodedStream(part), ctx.settings.maxPartBytes());
            extractBytes(bytes, attachmentName, base, loc, depth + 1, ctx);
        } catch (ExtractionContext.TooLargeException e) {
            ctx.unscannable(name == null ? here : child(prefix, name), "too large");
        } catch (MessagingException | IOException | RuntimeException e) {
            ctx.unscannable(name == null ? here : child(prefix, name), "malformed part (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Extracts the text of one attachment, archive entry or embedded document.
     *
     * @param declaredType the MIME type the sender claimed; only a hint, content detection decides
     */
    void extractBytes(byte[] data, String name, String declaredType, String loc, int depth, ExtractionContext ctx) {
        if (depth > ctx.settings.maxDepth()) {
            ctx.unscannable(loc, "nesting too deep");
            return;
        }
        if (ctx.timeUp()) {
            ctx.unscannable(loc, "time limit reached");
            return;
        }
        if (data.length == 0) {
            return;
        }
        MediaType type = tika.detect(data, name, declaredType);
        String base = type.getBaseType().toString();
        String top = type.getType();
        try {
            if (base.equals("application/zip") || base.equals("application/x-zip-compressed")) {
                zip.walk(data, loc, depth, ctx);
            } else if (base.equals("message/rfc822")) {
                walkMessage(new MimeMessage(session, new ByteArrayInputStream(data)), loc, depth, ctx);
            } else if (top.equals("image") || top.equals("audio") || top.equals("video") || top.equals("font")) {
                // No OCR: images carry no extractable text. Flagging them would make every logo HIGH.
                return;
            } else {
                tika.extract(data, name, base, loc, depth, ctx);
            }
        } catch (MessagingException | RuntimeException e) {
            ctx.unscannable(loc, "corrupt (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String child(String prefix, String name) {
        String clean = cleanName(name);
        return prefix == null ? "attachment:" + clean : prefix + "/" + clean;
    }

    /** Names go into locations and logs: no control characters, no path separators, bounded length. */
    static String cleanName(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 120; i++) {
            char c = name.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : (c == '\\' ? '/' : c));
        }
        String s = b.toString().strip();
        return s.isEmpty() ? "unnamed" : s;
    }

    private static String subtype(String base) {
        int slash = base.indexOf('/');
        return slash < 0 ? "bin" : base.substring(slash + 1);
    }

    private static ContentType contentType(Part part) {
        try {
            String ct = part.getContentType();
            return new ContentType(ct == null ? "text/plain" : ct);
        } catch (Exception e) {
            // RFC 2045: an unparseable Content-Type is treated as text/plain.
            try {
                return new ContentType("text/plain");
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (Exception e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            String n = part.getFileName();
            if (n == null) {
                ContentType ct = contentType(part);
                n = ct.getParameter("name");
            }
            return n == null || n.isBlank() ? null : decodeWord(n);
        } catch (Exception e) {
            return null;
        }
    }

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    /**
     * RFC 2047 decoding of a header field. If the field names a charset Java does not know (or
     * is broken), each encoded word is read as UTF-8 instead, so that what it hides is still
     * scanned rather than passed over as base64.
     */
    static String decodeWord(String s) {
        String unfolded = MimeUtility.unfold(s);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (Exception e) {
            Matcher m = ENCODED_WORD.matcher(unfolded);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String word;
                try {
                    word = MimeUtility.decodeWord("=?UTF-8?" + m.group(2) + "?" + m.group(3) + "?=");
                } catch (Exception unreadable) {
                    word = m.group();
                }
                m.appendReplacement(b, Matcher.quoteReplacement(word));
            }
            return m.appendTail(b).toString();
        }
    }

    /** Transfer-decoded content; an unknown or broken encoding falls back to the raw bytes. */
    private static InputStream decodedStream(Part part) throws MessagingException, IOException {
        try {
            return part.getInputStream();
        } catch (MessagingException | IOException e) {
            if (part instanceof MimeBodyPart mbp) {
                return mbp.getRawInputStream();
            }
            if (part instanceof MimeMessage mm) {
                return mm.getRawInputStream();
            }
            throw e;
        }
    }

    /** Decodes with the declared charset; unknown charsets fall back to UTF-8, bad bytes are replaced. */
    static String decode(byte[] bytes, String charsetName) {
        Charset cs = StandardCharsets.UTF_8;
        if (charsetName != null) {
            try {
                cs = Charset.forName(MimeUtility.javaCharset(charsetName.trim()));
            } catch (Exception e) {
                cs = StandardCharsets.UTF_8;
            }
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (Exception e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
