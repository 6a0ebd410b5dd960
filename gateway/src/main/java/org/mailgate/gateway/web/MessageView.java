package org.mailgate.gateway.web;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.mailgate.gateway.mail.HeaderText;

/**
 * A held message as a reviewer sees it: the main headers, the readable bodies (plain text as
 * text, HTML through {@link SafeHtml}), and the attachments by number. Built to survive
 * malformed MIME: a part that cannot be read is noted in {@code problems} and the rest is shown.
 */
public record MessageView(List<Views.Fact> headers, List<Body> bodies, List<Attachment> attachments,
        List<String> problems) {

    /** A body to show: sanitised HTML ({@code html}) or plain text to be escaped. */
    public record Body(boolean html, String content) {
    }

    /** An attachment, downloadable by its {@code index}. */
    public record Attachment(int index, String name, String contentType, String size) {
    }

    /** An attachment's decoded bytes. */
    record Download(String name, byte[] bytes) {
    }

    private static final List<String> SHOWN_HEADERS = List.of("From", "Reply-To", "To", "Cc", "Subject", "Date");
    /** More text than anyone reviews in a browser; the rest is cut with a note. */
    private static final int MAX_TEXT = 1_000_000;
    private static final int MAX_DEPTH = 30;

    static MessageView read(byte[] raw) {
        Walk w = new Walk();
        MimeMessage m = w.parse(raw);
        List<Views.Fact> headers = new ArrayList<>();
        for (String name : SHOWN_HEADERS) {
            try {
                String v = m.getHeader(name, ", ");
                if (v != null) {
                    headers.add(new Views.Fact(name, HeaderText.decode(v)));
                }
            } catch (MessagingException e) {
                w.problems.add("The " + name + " header could not be read.");
            }
        }
        w.part(m, 0);
        if (w.bodies.isEmpty()) {
            w.problems.add("The message has no text or HTML body to show.");
        }
        return new MessageView(headers, w.bodies, w.attachments, w.problems);
    }

    /** The attachment numbered {@code index} in {@link #read}'s list, decoded. */
    static Optional<Download> attachment(byte[] raw, int index) {
        Walk w = new Walk();
        w.part(w.parse(raw), 0);
        if (index < 1 || index > w.attachmentParts.size()) {
            return Optional.empty();
        }
        Part p = w.attachmentParts.get(index - 1);
        return Optional.of(new Download(w.attachments.get(index - 1).name(), w.bytes(p)));
    }

    /** One pass over the MIME tree, collecting what can be shown and noting what cannot. */
    private static final class Walk {
        final List<Body> bodies = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();
        final List<Part> attachmentParts = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int textChars;

        MimeMessage parse(byte[] raw) {
            Properties p = new Properties();
            p.setProperty("mail.mime.decodefilename", "true");
            p.setProperty("mail.mime.decodeparameters", "true");
            try {
                return new MimeMessage(Session.getInstance(p), new ByteArrayInputStream(raw));
            } catch (MessagingException e) {
                problems.add("The message's header could not be parsed (" + e.getMessage() + "); shown as plain text.");
                try {
                    MimeMessage fallback = new MimeMessage(Session.getInstance(p));
                    fallback.setText(new String(raw, StandardCharsets.UTF_8), "UTF-8");
                    fallback.saveChanges();
                    return fallback;
                } catch (MessagingException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }

        void part(Part p, int depth) {
            if (depth > MAX_DEPTH) {
                problems.add("Parts nested deeper than " + MAX_DEPTH + " levels are not shown.");
                return;
            }
            String type = type(p);
            if (type.startsWith("multipart/")) {
                multipart(p, type, depth);
                return;
            }
            String name = fileName(p);
            boolean inlineText = (type.equals("text/plain") || type.equals("text/html")) && name == null
                    && !"attachment".equalsIgnoreCase(disposition(p));
            if (!inlineText) {
                attachment(p, type, name);
            } else if (type.equals("text/html")) {
                bodies.add(new Body(true, SafeHtml.sanitize(text(p))));
            } else {
                bodies.add(new Body(false, text(p)));
            }
        }

        private void multipart(Part p, String type, int depth) {
            List<BodyPart> children = new ArrayList<>();
            try {
                Object content = p.getContent();
                if (!(content instanceof Multipart mp)) {
                    throw new MessagingException("not a multipart body");
                }
                for (int i = 0; i < mp.getCount(); i++) {
                    children.add(mp.getBodyPart(i));
                }
            } catch (IOException | MessagingException | RuntimeException e) {
                problems.add("A " + type + " part could not be split into its parts (" + e.getMessage()
                        + "); what could be read is shown as plain text.");
                if (children.isEmpty()) {
                    bodies.add(new Body(false, raw(p)));
                }
            }
            if (type.equals("multipart/alternative") && !children.isEmpty()) {
                part(preferred(children), depth + 1);
                return;
            }
            for (BodyPart child : children) {
                part(child, depth + 1);
            }
        }

        /** Of the alternatives, the HTML one (sanitised, it keeps tables readable), else the last. */
        private BodyPart preferred(List<BodyPart> children) {
            for (int i = children.size() - 1; i >= 0; i--) {
                if (type(children.get(i)).equals("text/html")) {
                    return children.get(i);
                }
            }
            return children.get(children.size() - 1);
        }

        private void attachment(Part p, String type, String name) {
            int index = attachments.size() + 1;
            String shown = name != null ? name : type.equals("message/rfc822") ? "attached-message-" + index + ".eml"
                    : "attachment-" + index;
            byte[] bytes = bytes(p);
            attachments.add(new Attachment(index, shown, type, bytes == null ? "unknown size" : Format.size(bytes.length)));
            attachmentParts.add(p);
        }

        String type(Part p) {
            String header;
            try {
                header = p.getContentType();
            } catch (MessagingException e) {
                header = null;
            }
            if (header == null) {
                return "text/plain";
            }
            try {
                return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
            } catch (ParseException e) {
                String base = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (base.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
                    return base;
                }
                problems.add("A part has an unreadable Content-Type; it is offered as an attachment.");
                return "application/octet-stream";
            }
        }

        private String fileName(Part p) {
            try {
                String n = p.getFileName();
                return n == null || n.isBlank() ? null : HeaderText.decode(n);
            } catch (MessagingException | RuntimeException e) {
                return null;
            }
        }

        private static String disposition(Part p) {
            try {
                return p.getDisposition();
            } catch (MessagingException | RuntimeException e) {
                return null;
            }
        }

        private String text(Part p) {
            try {
                Object c = p.getContent();
                if (c instanceof String s) {
                    return cap(s);
                }
            } catch (IOException | MessagingException | RuntimeException e) {
                problems.add("A text part could not be decoded as declared (" + e.getMessage() + "); shown as UTF-8.");
            }
            byte[] b = bytes(p);
            return b != null ? cap(new String(b, StandardCharsets.UTF_8)) : raw(p);
        }

        /** The part's content with its transfer encoding undone, or null if that fails. */
        byte[] bytes(Part p) {
            try (InputStream in = p.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException | MessagingException | RuntimeException e) {
                problems.add("A part's transfer encoding could not be undone (" + e.getMessage() + ").");
                return null;
            }
        }

        /** The part's bytes as they are on the wire: the last resort for showing something. */
        private String raw(Part p) {
            try (InputStream in = p instanceof MimeBodyPart b ? b.getRawInputStream()
                    : p instanceof MimeMessage m ? m.getRawInputStream() : p.getInputStream()) {
                return cap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | MessagingException | RuntimeException e) {
                return "";
            }
        }

        private String cap(String s) {
            int room = MAX_TEXT - textChars;
            if (s.length() <= room) {
                textChars += s.length();
                return s;
            }
            problems.add("The text is longer than " + MAX_TEXT + " characters; the rest is not shown.");
            textChars = MAX_TEXT;
            return s.substring(0, Math.max(0, room));
        }
    }
}
