package org.mailgate.classifier;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
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

    /**
     * The folded text. Text for which {@link #asciiBytes} answers is left as it is and need not
     * come here. Most text that does is mostly ASCII with a few typographic chars (curly quotes,
     * dashes, no-break spaces), so the chars are copied once and only when one of them changes.
     */
    static String normalize(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        int length = n.length();
        int i = 0;
        while (i < length && fold(n.charAt(i)) == n.charAt(i)) {
            i++;
        }
        if (i == length) {
            return n;
        }
        char[] out = new char[length];
        n.getChars(0, i, out, 0);
        int o = i;
        for (; i < length; i++) {
            int f = fold(n.charAt(i));
            if (f >= 0) {
                out[o++] = (char) f;
            }
        }
        return new String(out, 0, o);
    }

    /** What a char of NFKC text becomes: itself, a space, a hyphen, or -1 for none (invisible chars). */
    private static int fold(char c) {
        if (c < '\u00A0') {
            return c;
        }
        return switch (c) {
            case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD' -> -1;
            case '\u00A0', '\u2007', '\u202F', '\u2009', '\u2002', '\u2003' -> ' ';
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
            default -> c;
        };
    }

    /**
     * The text as bytes if it is ASCII (text that normalising leaves as it is: NFKC does not
     * change ASCII, and none of the chars folded here is in it), else null. Carriage returns stay:
     * to every detector CR and LF are alike (both whitespace, both line ends for the patterns that
     * look at lines), and mail bodies come with CRLF.
     * The bytes are the first {@code s.length()} of a buffer kept by the calling thread, valid
     * until its next call: a segment's bytes are needed only while its {@link Scan} is built, and
     * a new array for each (1 MB for a 1 MB segment) cost as much again as the copy, a "humongous"
     * object for G1 with a small heap. The JDK's ASCII encoder checks and copies a chunk at a time
     * without a char loop.
     */
    static byte[] asciiBytes(String s) {
        Scratch scratch = SCRATCH.get();
        int n = s.length();
        byte[] out = scratch.bytes.length >= n ? scratch.bytes : new byte[n];
        if (n <= Scratch.KEEP_UP_TO) {
            scratch.bytes = out;
        }
        char[] chars = scratch.chars;
        for (int p = 0; p < n; p += chars.length) {
            int length = Math.min(chars.length, n - p);
            s.getChars(p, p + length, chars, 0);
            scratch.ascii.reset();
            if (scratch.ascii.encode(CharBuffer.wrap(chars, 0, length), ByteBuffer.wrap(out, p, length), true).isError()) {
                return null;
            }
        }
        return out;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        /** The largest buffer a thread keeps between segments. */
        static final int KEEP_UP_TO = 4 << 20;
        byte[] bytes = new byte[0];
        final char[] chars = new char[8192];
        final CharsetEncoder ascii = StandardCharsets.US_ASCII.newEncoder();
    }

    /**
     * The text's ASCII chars as bytes and every other char as -128, one byte per char (so the
     * positions are the text's): for scans that look only for ASCII letters and digits.
     */
    static byte[] asciiView(String s) {
        int n = s.length();
        byte[] b = new byte[n];
        char[] chunk = new char[Math.min(n, 8192)];
        for (int p = 0; p < n; p += chunk.length) {
            int length = Math.min(chunk.length, n - p);
            s.getChars(p, p + length, chunk, 0);
            for (int i = 0; i < length; i++) {
                char c = chunk[i];
                b[p + i] = c < 128 ? (byte) c : (byte) 0x80;
            }
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
