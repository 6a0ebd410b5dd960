package org.mailgate.classifier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The candidates of one segment: every maximal run of ASCII letters and digits that contains a
 * digit ("AB123456C", "943", "SW1A", "14th"), found in one pass. Every pattern a detector looks
 * for by shape contains such a run, so detectors look only around these instead of running
 * their regexes over the whole text. Numbered in text order.
 */
final class NumericWords {
    private int[] starts;
    private int[] ends;
    private int count;

    /**
     * Digits are rare in text: look for them, then widen each to its whole word. With the text
     * as ASCII bytes the search tests eight chars at once.
     */
    NumericWords(String text, byte[] ascii) {
        int n = text.length();
        starts = new int[Math.max(16, n / 64)];
        ends = new int[starts.length];
        int i = 0;
        while ((i = ascii != null ? nextDigit(ascii, i) : nextDigit(text, i)) >= 0) {
            int start = i;
            while (start > 0 && Chars.isAlnum(text.charAt(start - 1))) {
                start--;
            }
            int end = i + 1;
            while (end < n && Chars.isAlnum(text.charAt(end))) {
                end++;
            }
            add(start, end);
            i = end;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_7_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** Per byte y of seven bits: 0xB9 - y has its high bit set if y <= '9', and y + 0x50 if y >= '0'. */
    private static final long BELOW_COLON = 0xB9B9B9B9B9B9B9B9L;
    private static final long FROM_ZERO = 0x5050505050505050L;

    /**
     * Index of the first ASCII digit at or after {@code from}, or -1: eight bytes at a time, each
     * tested without carries into its neighbours (a byte of 0x80 or more is never a digit).
     */
    static int nextDigit(byte[] b, int from) {
        int i = from;
        for (; i + 8 <= b.length; i += 8) {
            long x = (long) LONGS.get(b, i);
            long y = x & LOW_7_BITS;
            long digits = (BELOW_COLON - y) & (y + FROM_ZERO) & ~x & HIGH_BITS;
            if (digits != 0) {
                return i + (Long.numberOfTrailingZeros(digits) >>> 3);
            }
        }
        for (; i < b.length; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                return i;
            }
        }
        return -1;
    }

    private static int nextDigit(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (Chars.isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count++] = end;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** Index of the first word starting at or after {@code position} ({@link #count()} if none). */
    int firstAtOrAfter(int position) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
