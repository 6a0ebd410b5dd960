package org.mailgate.classifier;


/**
 * Where each {@link Keywords} set occurs in one segment, found by a single pass of
 * {@link KeywordAutomaton}. Detectors ask "is there a keyword of this set inside [from, to)?"
 * and get the answer by a search in the set's occurrences instead of running a regex over a
 * window. Used by one thread (it remembers where the last answer was).
 */
final class KeywordIndex {
    private final String text;
    /** Per set, its occurrences ordered by start (null if none, and for {@link Keywords#local()} sets). */
    private final long[][] occurrences;
    private final int[] counts = new int[Keywords.values().length];
    /** Per set, where the last search ended: detectors ask in text order, so the next answer is usually just after it. */
    private final int[] cursor = new int[Keywords.values().length];

    /** {@code view}, {@code ascii}: as for {@link KeywordAutomaton#find}. */
    KeywordIndex(String text, byte[] view, boolean ascii) {
        this.text = text;
        occurrences = KeywordAutomaton.INSTANCE.find(text, view, ascii);
        for (int k = 0; k < counts.length; k++) {
            counts[k] = occurrences[k] == null ? 0 : occurrences[k].length;
        }
    }

    /** True if a whole occurrence of {@code set} lies inside [from, to). */
    boolean within(Keywords set, int from, int to) {
        if (set.local()) {
            return KeywordAutomaton.LOCAL.occursWithin(text, from, to);
        }
        int k = set.ordinal();
        long[] a = occurrences[k];
        if (a == null) {
            return false;
        }
        for (int i = firstStartingAtOrAfter(k, Math.max(0, from)); i < counts[k] && start(a[i]) < to; i++) {
            if (end(a[i]) <= to) {
                return true;
            }
        }
        return false;
    }

    boolean mentions(Keywords set) {
        return count(set) > 0;
    }

    /** Number of occurrences of {@code set}; they are numbered in order of their start. */
    int count(Keywords set) {
        if (set.local()) {
            throw new IllegalArgumentException(set + " is looked for only within ranges");
        }
        return counts[set.ordinal()];
    }

    int start(Keywords set, int i) {
        return start(occurrences[set.ordinal()][i]);
    }

    int end(Keywords set, int i) {
        return end(occurrences[set.ordinal()][i]);
    }

    private static int start(long occurrence) {
        return KeywordAutomaton.start(occurrence);
    }

    private static int end(long occurrence) {
        return KeywordAutomaton.end(occurrence);
    }

    /** Index of set {@code k}'s first occurrence starting at or after {@code from}. */
    private int firstStartingAtOrAfter(int k, int from) {
        long[] a = occurrences[k];
        int n = counts[k];
        int i = cursor[k];
        // a few steps on from the last answer, when the text position moved forward a little
        if (i == 0 || start(a[i - 1]) < from) {
            for (int step = 0; step < 4; step++, i++) {
                if (i == n || start(a[i]) >= from) {
                    return cursor[k] = i;
                }
            }
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start(a[mid]) < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return cursor[k] = lo;
    }
}
