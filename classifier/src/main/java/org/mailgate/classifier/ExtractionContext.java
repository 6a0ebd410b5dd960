package org.mailgate.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-message state of one extraction: the collected text, the parts that could not be scanned
 * and the budgets (characters, archive entries, expanded bytes, time) that stop hostile input.
 * Not thread-safe; one per classify call.
 */
final class ExtractionContext {
    final ClassifierSettings settings;
    private final long deadlineNanos;
    private int charsLeft;
    private int entriesLeft;
    private long expandedBytesLeft;
    private final List<Segment> segments = new ArrayList<>();
    private final List<String> unscannable = new ArrayList<>();

    ExtractionContext(ClassifierSettings settings, long messageBytes) {
        this.settings = settings;
        this.deadlineNanos = System.nanoTime() + settings.maxTimeMillis() * 1_000_000L;
        this.charsLeft = settings.maxExtractedChars();
        this.entriesLeft = settings.maxArchiveEntries();
        // Decompressed bytes across all archives and embedded documents: proportional to the
        // message (expansion ratio) with a floor so small messages with ordinary attachments pass.
        this.expandedBytesLeft = Math.max(messageBytes * settings.maxExpansionRatio(), 16L * 1024 * 1024);
    }

    void addText(String location, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (text.length() > charsLeft) {
            text = text.substring(0, Math.max(0, charsLeft));
            unscannable(location, "extracted text limit reached");
        }
        charsLeft -= text.length();
        if (!text.isEmpty()) {
            segments.add(new Segment(location, text));
        }
    }

    int charsLeft() {
        return Math.max(0, charsLeft);
    }

    void unscannable(String location, String reason) {
        String entry = location + ": " + reason;
        if (!unscannable.contains(entry) && unscannable.size() < 100) {
            unscannable.add(entry);
        }
    }

    boolean timeUp() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    /** Takes one archive/embedded entry from the budget; false when the budget is spent. */
    boolean takeEntry() {
        return --entriesLeft >= 0;
    }

    /** Charges expanded bytes; false when the message-wide expansion budget is spent. */
    boolean chargeExpanded(long bytes) {
        expandedBytesLeft -= bytes;
        return expandedBytesLeft >= 0;
    }

    long expandedBytesLeft() {
        return Math.max(0, expandedBytesLeft);
    }

    List<Segment> segments() {
        return segments;
    }

    List<String> unscannable() {
        return unscannable;
    }

    /** Thrown by {@link #readBounded} when a stream is longer than allowed. */
    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("too large");
        }
    }

    /** Reads at most {@code max} bytes; more is a {@link TooLargeException}, never an OOM. */
    static byte[] readBounded(InputStream in, long max) throws IOException {
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
        byte[] buf = new byte[(int) Math.min(cap + 1L, 64 * 1024)];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > cap) {
                throw new TooLargeException();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
