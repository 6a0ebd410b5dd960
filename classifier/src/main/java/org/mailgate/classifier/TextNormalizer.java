package org.mailgate.classifier;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Folds text so that simple evasions do not hide values: compatibility forms (full-width digits),
 * non-breaking and other Unicode spaces, and invisible characters (zero-width space, soft hyphen)
 * that would split "AB123456C" without changing how it looks.
 */
final class TextNormalizer {
    private TextNormalizer() {
    }

    /** The folded text. Text for which {@link #asciiBytes} answers is left as it is and need not come here. */
    static String normalize(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            switch (c) {
                case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD' -> { }
                case '\u00A0', '\u2007', '\u202F', '\u2009', '\u2002', '\u2003' -> b.append(' ');
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> b.append('-');
                case '\r' -> b.append('\n');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The text as bytes if it is ASCII without carriage returns (text that normalising leaves as
     * it is: NFKC does not change ASCII, and none of the chars folded here is in it), else null. Encoding to UTF-8 gives one byte per char only for ASCII and for lone
     * surrogates, which become '?' (the JDK checks and copies ASCII text without a char loop).
     * So a '?' may stand for a lone surrogate: both are neither letter, digit nor word char, and
     * normalising leaves both alone, which is all the scans that read these bytes ask.
     */
    static byte[] asciiBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length == s.length() && s.indexOf('\r') < 0 ? b : null;
    }

    /**
     * The text's ASCII chars as bytes and every other char as -128, one byte per char (so the
     * positions are the text's): for scans that look only for ASCII letters and digits.
     */
    static byte[] asciiView(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = c < 128 ? (byte) c : (byte) 0x80;
        }
        return b;
    }

    static String digits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean allSame(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    /** "1234567890"-style runs are test data or padding, never real identifiers. */
    static boolean sequential(String digits) {
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < digits.length(); i++) {
            int d = digits.charAt(i) - digits.charAt(i - 1);
            up &= d == 1 || d == -9;
            down &= d == -1 || d == 9;
        }
        return up || down;
    }

    /** Masks are built for every hit; the common lengths are made once. */
    private static final String[] BULLETS = new String[24];

    static {
        for (int n = 0; n < BULLETS.length; n++) {
            BULLETS[n] = "\u2022".repeat(n);
        }
    }

    static String bullets(int n) {
        return n < BULLETS.length ? BULLETS[Math.max(0, n)] : "\u2022".repeat(n);
    }
}
