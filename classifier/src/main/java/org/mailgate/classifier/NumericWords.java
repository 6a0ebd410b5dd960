package org.mailgate.classifier;

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

    /** Digits are rare in text: look for them, then widen each to its whole word. */
    NumericWords(String text) {
        int n = text.length();
        starts = new int[Math.max(16, n / 64)];
        ends = new int[starts.length];
        int i = 0;
        while (i < n) {
            if (!Chars.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
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
