package org.mailgate.gateway.notify;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a sender wrote in a reply, without the notice they are replying to: the first plain
 * text part (or the text of the first HTML part), with quoted lines and everything from the
 * usual reply separators on removed, at most {@link #MAX_CHARS} characters.
 */
final class ReplyText {

    static final int MAX_CHARS = 4000;

    /** Lines after which mail programs put the message being replied to. */
    private static final List<Pattern> SEPARATORS = List.of(
            Pattern.compile("^-{2,}\\s*Original Message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{10,}\\s*$"),
            Pattern.compile("^-- ?$"),
            Pattern.compile("^From:\\s.*"),
            Pattern.compile("^Sent from my .*", Pattern.CASE_INSENSITIVE));
    private static final Pattern ON_WROTE_START = Pattern.compile("^On\\s.*");
    private static final Pattern WROTE_END = Pattern.compile(".*\\bwrote:\\s*$");

    private ReplyText() {
    }

    static String of(Part message) throws MessagingException, IOException {
        String body = firstText(message, "text/plain");
        if (body == null) {
            String html = firstText(message, "text/html");
            body = html == null ? "" : HtmlText.of(html);
        }
        return withoutQuote(body);
    }

    /** Depth-first, skipping attachments: in multipart/alternative the plain part comes first. */
    private static String firstText(Part part, String type) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart child = mp.getBodyPart(i);
                    String found = firstText(child, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        if (!part.isMimeType(type)) {
            return null;
        }
        try {
            Object content = part.getContent();
            return content instanceof String s ? s : null;
        } catch (IOException e) {
            // An unknown charset: the words are most likely ASCII anyway.
            try (InputStream in = part.getInputStream()) {
                return new String(in.readNBytes(MAX_CHARS * 4), StandardCharsets.UTF_8);
            }
        }
    }

    static String withoutQuote(String body) {
        List<String> lines = body.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (isSeparator(trimmed, i + 1 < lines.size() ? lines.get(i + 1).strip() : "")) {
                break;
            }
            if (trimmed.startsWith(">")) {
                continue;
            }
            out.append(line.stripTrailing()).append('\n');
        }
        String text = out.toString().replaceAll("\n{3,}", "\n\n").strip();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }

    /** "On Mon, 3 Mar 2025 at 10:15, Mail gateway <...> wrote:" may be wrapped onto a second line. */
    private static boolean isSeparator(String line, String next) {
        if (SEPARATORS.stream().anyMatch(p -> p.matcher(line).matches())) {
            return true;
        }
        return ON_WROTE_START.matcher(line).matches()
                && (WROTE_END.matcher(line).matches() || WROTE_END.matcher(next).matches());
    }

    /** The first word, lower-cased, without trailing punctuation: how a one-word command is read. */
    static String firstWord(String text) {
        String[] words = text.strip().split("\\s+", 2);
        return words[0].replaceAll("[\\p{Punct}]+$", "").toLowerCase(Locale.ROOT);
    }
}
