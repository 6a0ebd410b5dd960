package org.mailgate.classifier;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.ContentHandler;

/**
 * Text extraction with Apache Tika. Embedded documents (attachments of an MSG or winmail.dat,
 * objects in a DOCX, files in a tar or 7z) are not left to Tika's own recursion: they come back
 * to {@link Extractor#extractBytes} so that depth, entry, size and time limits, ZIP handling and
 * locations ({@code attachment:a.msg/b.pdf}) apply to them too.
 */
final class TikaText {
    private final AutoDetectParser parser = new AutoDetectParser(TikaConfig.getDefaultConfig());
    private final Extractor extractor;

    TikaText(Extractor extractor) {
        this.extractor = extractor;
        requireParsers();
    }

    /**
     * Tika finds its parsers through META-INF/services. A fat jar built without merging those files
     * silently falls back to an empty parser, and every attachment would pass as "no text": fail
     * at start-up instead.
     */
    private void requireParsers() {
        var parsers = parser.getParsers(new ParseContext());
        for (String type : new String[] {"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/msword", "text/html", "text/plain"}) {
            if (!parsers.containsKey(MediaType.parse(type))) {
                throw new IllegalStateException("Tika parser for " + type
                        + " not found on the class path (merge META-INF/services when shading)");
            }
        }
    }

    MediaType detect(byte[] data, String name, String declaredType) {
        Metadata md = new Metadata();
        if (name != null) {
            md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        try (TikaInputStream in = TikaInputStream.get(data)) {
            return parser.getDetector().detect(in, md);
        } catch (IOException | RuntimeException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    void extract(byte[] data, String name, String type, String loc, int depth, ExtractionContext ctx) {
        Metadata md = new Metadata();
        md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        md.set(Metadata.CONTENT_TYPE, type);
        // +1 so that reaching the limit is distinguishable from text of exactly the remaining size.
        BodyContentHandler handler = new BodyContentHandler(ctx.charsLeft() + 1);
        ParseContext pc = new ParseContext();
        pc.set(EmbeddedDocumentExtractor.class, new Embedded(loc, depth, ctx));
        try (TikaInputStream in = TikaInputStream.get(data)) {
            parser.parse(in, handler, md, pc);
            ctx.addText(loc, handler.toString());
        } catch (Exception | StackOverflowError e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                ctx.addText(loc, handler.toString());
                ctx.unscannable(loc, "extracted text limit reached");
            } else if (isEncrypted(e)) {
                ctx.unscannable(loc, "encrypted");
            } else {
                // Keep what was extracted before the failure, but the part still fails closed.
                ctx.addText(loc, handler.toString());
                ctx.unscannable(loc, "corrupt or unparseable (" + rootName(e) + ")");
            }
        }
    }

    static boolean isEncrypted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String n = t.getClass().getSimpleName();
            if (n.contains("Encrypted") || n.contains("InvalidPassword")) {
                return true;
            }
        }
        return false;
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    /** Routes Tika's embedded resources back through the limited extractor. */
    private final class Embedded implements EmbeddedDocumentExtractor {
        private final String loc;
        private final int depth;
        private final ExtractionContext ctx;
        private int unnamed;

        Embedded(String loc, int depth, ExtractionContext ctx) {
            this.loc = loc;
            this.depth = depth;
            this.ctx = ctx;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return true;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
            if (name == null || name.isBlank()) {
                name = "embedded-" + (++unnamed);
            }
            String childLoc = loc + "/" + Extractor.cleanName(name);
            if (!ctx.takeEntry()) {
                ctx.unscannable(loc, "too many embedded entries");
                return;
            }
            byte[] bytes;
            try {
                bytes = ExtractionContext.readBounded(stream, Math.min(ctx.settings.maxPartBytes(), ctx.expandedBytesLeft() + 1));
            } catch (ExtractionContext.TooLargeException e) {
                ctx.unscannable(childLoc, "too large or expansion limit reached");
                return;
            } catch (IOException | RuntimeException e) {
                ctx.unscannable(childLoc, "unreadable embedded document (" + e.getClass().getSimpleName() + ")");
                return;
            }
            if (!ctx.chargeExpanded(bytes.length)) {
                ctx.unscannable(childLoc, "expansion limit reached");
                return;
            }
            extractor.extractBytes(bytes, name, metadata.get(Metadata.CONTENT_TYPE), childLoc, depth + 1, ctx);
        }
    }
}
