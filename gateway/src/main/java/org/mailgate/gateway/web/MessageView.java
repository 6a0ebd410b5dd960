package org.mailgate.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.mailgate.gateway.mail.HeaderText;

/**
 * A message as a reviewer or a recipient sees it: the main headers, the readable bodies (plain
 * text as text, HTML through {@link SafeHtml}), and the attachments by number. The message is
 * read as it streams from the store (Apache James mime4j), so a 50 MB message costs the page
 * its text, not its size; an attachment is streamed straight to the download. Built to survive
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

    /** Where a download goes: asked for once the attachment's name is known. */
    @FunctionalInterface
    interface Sink {
        OutputStream open(String name) throws IOException;
    }

    private static final List<String> SHOWN_HEADERS = List.of("From", "Reply-To", "To", "Cc", "Subject", "Date");
    /** More text than anyone reviews in a browser; the rest is cut with a note. */
    private static final int MAX_TEXT = 1_000_000;
    private static final int MAX_DEPTH = 30;

    /** Reads the message from {@code raw} (not closed here). */
    static MessageView read(InputStream raw) throws IOException {
        Walk w = new Walk(0, null);
        w.parse(raw);
        List<Views.Fact> headers = new ArrayList<>();
        for (String name : SHOWN_HEADERS) {
            List<String> values = w.topHeaders.stream().filter(f -> f.getName().equalsIgnoreCase(name))
                    .map(f -> HeaderText.decode(f.getBody())).toList();
            if (!values.isEmpty()) {
                headers.add(new Views.Fact(name, String.join(", ", values)));
            }
        }
        if (w.bodies.isEmpty()) {
            w.problems.add("The message has no text or HTML body to show.");
        }
        return new MessageView(headers, w.bodies, w.attachments, List.copyOf(w.problems));
    }

    /**
     * Streams the attachment numbered {@code index} in {@link #read}'s list, decoded, into the
     * sink; its name if there is one, empty (and nothing written) if there is not.
     */
    static Optional<String> attachment(InputStream raw, int index, Sink sink) throws IOException {
        Walk w = new Walk(index, sink);
        w.parse(raw);
        if (w.downloaded == null && index >= 1 && index <= w.attachments.size()) {
            throw new IOException("attachment " + index + " could not be decoded");
        }
        return Optional.ofNullable(w.downloaded);
    }

    /** One pass over the MIME stream, collecting what can be shown and noting what cannot. */
    private static final class Walk extends AbstractContentHandler {
        final List<Field> topHeaders = new ArrayList<>();
        final List<Body> bodies = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();
        final Set<String> problems = new LinkedHashSet<>();
        /** Open multiparts, innermost first. */
        final Deque<Multipart> open = new ArrayDeque<>();
        final int wanted;
        final Sink sink;
        String downloaded;
        MimeStreamParser parser;
        int entityDepth;
        String rawContentType;
        int textChars;

        Walk(int wanted, Sink sink) {
            this.wanted = wanted;
            this.sink = sink;
        }

        void parse(InputStream raw) throws IOException {
            MimeConfig config = new MimeConfig.Builder().setMaxLineLen(-1).setMaxHeaderLen(-1)
                    .setMaxHeaderCount(-1).setMaxContentLen(-1).setStrictParsing(false).build();
            DecodeMonitor monitor = new DecodeMonitor() {
                @Override
                public boolean warn(String error, String dropDesc) {
                    problems.add("A part's transfer encoding could not be undone (" + error + ").");
                    return false;
                }

                @Override
                public boolean isListening() {
                    return true;
                }
            };
            parser = new MimeStreamParser(config, monitor, new DefaultBodyDescriptorBuilder());
            parser.setContentDecoding(true);
            parser.setNoRecurse(); // an attached message is an attachment, not more of this one
            parser.setContentHandler(this);
            try {
                parser.parse(raw);
            } catch (MimeException | RuntimeException e) {
                problems.add("The message could not be read to its end (" + e.getMessage() + "); what could be "
                        + "read is shown.");
            }
        }

        @Override
        public void startMessage() {
            entityDepth++;
        }

        @Override
        public void endMessage() {
            entityDepth--;
        }

        @Override
        public void startBodyPart() {
            entityDepth++;
            Multipart parent = open.peek();
            if (parent != null && parent.alternative) {
                parent.branches.add(new ArrayList<>());
            }
        }

        @Override
        public void endBodyPart() {
            entityDepth--;
        }

        @Override
        public void startHeader() {
            rawContentType = null;
        }

        @Override
        public void field(Field field) {
            // Only the headers the page shows are kept: a message of nothing but header fields
            // must not cost the page its size.
            if (entityDepth == 1 && open.isEmpty() && SHOWN_HEADERS.stream().anyMatch(
                    n -> n.equalsIgnoreCase(field.getName()))) {
                topHeaders.add(field);
            }
            if (field.getName().equalsIgnoreCase("Content-Type")) {
                rawContentType = field.getBody();
            }
        }

        @Override
        public void startMultipart(BodyDescriptor bd) {
            String type = bd.getMimeType().toLowerCase(Locale.ROOT);
            if (open.size() == MAX_DEPTH) {
                problems.add("Parts nested deeper than " + MAX_DEPTH + " levels are not shown.");
            }
            open.push(new Multipart(type.equals("multipart/alternative")));
        }

        @Override
        public void endMultipart() {
            Multipart m = open.pop();
            if (!m.alternative || m.branches.isEmpty()) {
                return;
            }
            // Of the alternatives, the HTML one (sanitised, it keeps tables readable), else the last.
            List<Body> chosen = m.branches.get(m.branches.size() - 1);
            for (int i = m.branches.size() - 1; i >= 0; i--) {
                List<Body> b = m.branches.get(i);
                if (!b.isEmpty() && b.get(0).html()) {
                    chosen = b;
                    break;
                }
            }
            destination().addAll(chosen);
        }

        /** Where a body goes: the current branch of the innermost alternative, or the message. */
        private List<Body> destination() {
            Multipart parent = open.peek();
            return parent != null && parent.alternative && !parent.branches.isEmpty()
                    ? parent.branches.get(parent.branches.size() - 1) : bodies;
        }

        @Override
        public void body(BodyDescriptor bd, InputStream in) throws IOException {
            MaximalBodyDescriptor d = (MaximalBodyDescriptor) bd;
            String type = type(d);
            String name = fileName(d);
            boolean inlineText = (type.equals("text/plain") || type.equals("text/html")) && name == null
                    && !"attachment".equalsIgnoreCase(d.getContentDispositionType());
            if (open.size() > MAX_DEPTH) {
                drain(in);
            } else if (!inlineText) {
                attachment(in, type, name);
            } else if (sink != null) {
                drain(in); // only attachments matter to a download
            } else {
                String text = text(in, d.getCharset());
                destination().add(type.equals("text/html") ? new Body(true, SafeHtml.sanitize(text))
                        : new Body(false, text));
            }
        }

        private String type(MaximalBodyDescriptor d) {
            String declared = rawContentType == null ? "" : rawContentType.split(";", 2)[0].trim()
                    .toLowerCase(Locale.ROOT);
            if (rawContentType != null && !declared.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
                problems.add("A part has an unreadable Content-Type; it is offered as an attachment.");
                return "application/octet-stream";
            }
            String type = d.getMimeType().toLowerCase(Locale.ROOT);
            if (declared.startsWith("multipart/") && !type.startsWith("multipart/")) {
                problems.add("A " + declared + " part could not be split into its parts (it names no boundary); "
                        + "what could be read is shown as plain text.");
            }
            return type;
        }

        private void attachment(InputStream in, String type, String name) throws IOException {
            int index = attachments.size() + 1;
            String shown = name != null ? name : type.equals("message/rfc822") ? "attached-message-" + index + ".eml"
                    : "attachment-" + index;
            long size;
            if (index == wanted && sink != null) {
                try (OutputStream out = sink.open(shown)) {
                    size = in.transferTo(out);
                }
                downloaded = shown;
                parser.stop();
            } else {
                size = drain(in);
            }
            attachments.add(new Attachment(index, shown, type, Format.size(size)));
        }

        private static String fileName(MaximalBodyDescriptor d) {
            String n = d.getContentDispositionFilename();
            if (n == null || n.isBlank()) {
                n = d.getContentTypeParameters().get("name");
            }
            return n == null || n.isBlank() ? null : HeaderText.decode(n);
        }

        /** The text of a part, decoded by its charset (UTF-8 when that is unknown), capped. */
        private String text(InputStream in, String charset) throws IOException {
            Charset cs;
            try {
                cs = charset == null || charset.equalsIgnoreCase("us-ascii") ? StandardCharsets.UTF_8
                        : Charset.forName(charset);
            } catch (IllegalArgumentException e) {
                problems.add("A text part could not be decoded as declared (unknown charset " + charset
                        + "); shown as UTF-8.");
                cs = StandardCharsets.UTF_8;
            }
            int room = MAX_TEXT - textChars;
            StringBuilder out = new StringBuilder();
            Reader r = new InputStreamReader(in, cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
            char[] buf = new char[8192];
            int n;
            while (out.length() < room && (n = r.read(buf, 0, Math.min(buf.length, room - out.length()))) > 0) {
                out.append(buf, 0, n);
            }
            if (drain(in) > 0 || r.read() >= 0) {
                problems.add("The text is longer than " + MAX_TEXT + " characters; the rest is not shown.");
            }
            textChars += out.length();
            return out.toString();
        }

        private static long drain(InputStream in) throws IOException {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** An open multipart; an alternative keeps the bodies of each branch until it ends. */
    private static final class Multipart {
        final boolean alternative;
        final List<List<Body>> branches = new ArrayList<>();

        Multipart(boolean alternative) {
            this.alternative = alternative;
        }
    }
}
