package org.mailgate.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalised text of one segment plus keyword-proximity helpers shared by the detectors.
 *
 * <p>Keyword patterns ({@link #keywords}) are compiled in lower case and matched against a
 * lower-cased copy of the text of the same length: Java's case-insensitive matching folds
 * case at every comparison and was the largest single cost of a scan.
 */
final class Scan {
    final String text;
    /** {@link #text} with each char lower-cased on its own, so positions are the same. */
    final String lower;
    final int window;

    Scan(String text, int window) {
        this.text = text;
        this.lower = lowerSameLength(text);
        this.window = window;
    }

    /** True if {@code keywords} occurs within the keyword window either side of [start, end). */
    boolean near(Pattern keywords, int start, int end) {
        return within(keywords, start - window, end + window);
    }

    /** True if {@code keywords} occurs in the {@code chars} characters before {@code start}. */
    boolean before(Pattern keywords, int start, int chars) {
        return within(keywords, start - chars, start);
    }

    /** Keyword search (a pattern from {@link #keywords}) in the lower-cased text. */
    boolean within(Pattern keywords, int from, int to) {
        return find(lower, keywords, from, to);
    }

    /** A case-sensitive pattern (such as a capitalised name) near a position, in the original text. */
    boolean nearExact(Pattern pattern, int start, int end) {
        return find(text, pattern, start - window, end + window);
    }

    private static boolean find(String s, Pattern p, int from, int to) {
        int a = Math.max(0, from);
        int b = Math.min(s.length(), to);
        if (a >= b) {
            return false;
        }
        Matcher m = p.matcher(s);
        m.region(a, b);
        m.useTransparentBounds(true);
        return m.find();
    }

    /**
     * True if any of the lower-case words occurs anywhere: a detector whose matches all need
     * one of them nearby can skip a text that has none (String.indexOf is vectorised).
     */
    boolean mentions(String... lowerCaseWords) {
        for (String w : lowerCaseWords) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** A keyword pattern: written in any case, matched case-insensitively against {@link #lower}. */
    static Pattern keywords(String regex) {
        return Pattern.compile(lowerOutsideEscapes(regex));
    }

    /** Lower-cases a regex except escape sequences (\S, \D, \W, \B keep their meaning). */
    static String lowerOutsideEscapes(String regex) {
        StringBuilder b = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                b.append(c).append(regex.charAt(++i));
            } else {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static String lowerSameLength(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.toLowerCase(s.charAt(i));
        }
        return new String(out);
    }
}
