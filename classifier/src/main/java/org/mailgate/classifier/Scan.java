package org.mailgate.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalised text of one segment, its candidates ({@link NumericWords}) and its keyword index
 * ({@link KeywordIndex}), both built once and shared by all detectors.
 */
final class Scan {
    final String text;
    final int window;
    private final NumericWords words;
    private final KeywordIndex keywords;

    /**
     * A segment's text as extracted. ASCII text is used as it is (see
     * {@link TextNormalizer#asciiBytes}) and scanned as bytes; other text is normalised first.
     */
    static Scan of(String segment, int window) {
        byte[] ascii = TextNormalizer.asciiBytes(segment);
        if (ascii != null) {
            return new Scan(segment, ascii, window);
        }
        String normalized = TextNormalizer.normalize(segment);
        return new Scan(normalized, TextNormalizer.asciiBytes(normalized), window);
    }

    /** {@code ascii}: the text as bytes if it is ASCII (the scans then read bytes), else null. */
    private Scan(String text, byte[] ascii, int window) {
        this.text = text;
        this.window = window;
        byte[] view = ascii != null ? ascii : TextNormalizer.asciiView(text);
        this.words = new NumericWords(view, text.length());
        this.keywords = new KeywordIndex(text, view, ascii != null);
    }

    NumericWords words() {
        return words;
    }

    KeywordIndex keywords() {
        return keywords;
    }

    /** True if a keyword of {@code set} lies within the keyword window either side of [start, end). */
    boolean near(Keywords set, int start, int end) {
        return within(set, start - window, end + window);
    }

    /** True if a keyword of {@code set} lies in the {@code chars} characters before {@code start}. */
    boolean before(Keywords set, int start, int chars) {
        return within(set, start - chars, start);
    }

    /** True if a whole keyword of {@code set} lies inside [from, to). */
    boolean within(Keywords set, int from, int to) {
        return keywords.within(set, from, to);
    }

    /** True if {@code set} occurs anywhere: a detector whose every report needs it can skip the text. */
    boolean mentions(Keywords set) {
        return keywords.mentions(set);
    }

    /** The pattern tried only where a detector asks ({@link AnchoredMatcher}). */
    AnchoredMatcher anchored(Pattern pattern) {
        return new AnchoredMatcher(pattern, text);
    }

    /** A case-sensitive pattern (such as a capitalised name) near a position, in the original text. */
    boolean nearExact(Pattern pattern, int start, int end) {
        int a = Math.max(0, start - window);
        int b = Math.min(text.length(), end + window);
        if (a >= b) {
            return false;
        }
        Matcher m = pattern.matcher(text);
        m.region(a, b);
        m.useTransparentBounds(true);
        return m.find();
    }
}
