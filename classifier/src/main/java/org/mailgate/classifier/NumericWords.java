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
    /**
     * Per word, what detectors ask of its digits: see {@link #leadingDigits}, {@link
     * #longestDigitRun}, {@link #hasZero}, {@link #joinedToNext}.
     */
    private int[] digitInfo;
    private int count;
    private static final int HAS_ZERO = 1 << 16;
    private static final int JOINED = 1 << 17;

    /**
     * Digits are rare in text: look for them, eight chars at a time, then widen each to its whole
     * word. {@code chars}: the text's {@code n} chars, ASCII ones as bytes and every other as a
     * negative byte ({@link TextNormalizer#asciiView}), which is never a letter or digit here;
     * the array may be longer.
     */
    NumericWords(byte[] chars, int n) {
        starts = new int[Math.max(16, n / 32)];
        ends = new int[starts.length];
        digitInfo = new int[starts.length];
        int i = 0;
        while ((i = nextDigit(chars, i, n)) >= 0) {
            int start = i;
            while (start > 0 && Chars.isAlnum((char) chars[start - 1])) {
                start--;
            }
            // the word's digits all lie from i on (before i it has letters only)
            int leading = start == i ? -1 : 0;
            int run = 1;
            int longest = 1;
            boolean zero = chars[i] == '0';
            int end = i + 1;
            for (char c; end < n && Chars.isAlnum(c = (char) chars[end]); end++) {
                if (Chars.isDigit(c)) {
                    run++;
                    zero |= c == '0';
                } else {
                    if (leading < 0) {
                        leading = run;
                    }
                    longest = Math.max(longest, run);
                    run = 0;
                }
            }
            longest = Math.max(longest, run);
            boolean joined = end + 1 < n && (chars[end] == ' ' || chars[end] == '-') && Chars.isDigit((char) chars[end + 1]);
            add(start, end, Math.min(leading < 0 ? run : leading, 255) | Math.min(longest, 255) << 8
                    | (zero ? HAS_ZERO : 0) | (joined ? JOINED : 0));
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
     * Index of the first ASCII digit in [from, to) of {@code b}, or -1: eight bytes at a time,
     * each tested without carries into its neighbours (a byte of 0x80 or more is never a digit).
     */
    static int nextDigit(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i);
            long y = x & LOW_7_BITS;
            long digits = (BELOW_COLON - y) & (y + FROM_ZERO) & ~x & HIGH_BITS;
            if (digits != 0) {
                return i + (Long.numberOfTrailingZeros(digits) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                return i;
            }
        }
        return -1;
    }

    private void add(int start, int end, int info) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            digitInfo = Arrays.copyOf(digitInfo, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        digitInfo[count++] = info;
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

    /** The digits the word starts with (0 if it starts with a letter; its length if it is all digits), at most 255. */
    int leadingDigits(int i) {
        return digitInfo[i] & 0xff;
    }

    /** True if the word is all digits. */
    boolean allDigits(int i) {
        return leadingDigits(i) == ends[i] - starts[i];
    }

    /** The longest run of digits in the word, at most 255. */
    int longestDigitRun(int i) {
        return digitInfo[i] >>> 8 & 0xff;
    }

    /** True if the word holds a '0'. */
    boolean hasZero(int i) {
        return (digitInfo[i] & HAS_ZERO) != 0;
    }

    /** True if one space or dash and then a digit follow the word: the digit starts the next word ("943 476"). */
    boolean joinedToNext(int i) {
        return (digitInfo[i] & JOINED) != 0;
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
