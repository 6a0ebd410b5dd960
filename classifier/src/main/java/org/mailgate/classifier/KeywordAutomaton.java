package org.mailgate.classifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * All {@link Keywords} phrases in one Aho–Corasick automaton over their first words, so that one
 * pass over a segment finds every keyword of every set, wherever it starts. The rest of a phrase
 * (whitespace, further words, boundaries) is checked where its first word ends. The transition
 * table is complete (failure links folded in), so each character costs one table lookup.
 * Immutable once built; {@link #INSTANCE} is shared by all threads.
 */
final class KeywordAutomaton {
    static final KeywordAutomaton INSTANCE = new KeywordAutomaton(Keywords.values());

    /** One phrase, parsed: words, the separator before each word after the first, and boundaries. */
    record Phrase(Keywords set, String[] words, char[] separators, boolean boundaryBefore, boolean boundaryAfter) {
        static Phrase parse(Keywords set, String text) {
            String body = text.substring(text.startsWith("<") ? 1 : 0, text.length() - (text.endsWith(">") ? 1 : 0));
            List<String> words = new ArrayList<>();
            StringBuilder seps = new StringBuilder();
            int from = 0;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == ' ' || c == '~' || c == '_') {
                    words.add(body.substring(from, i));
                    seps.append(c);
                    from = i + 1;
                }
            }
            words.add(body.substring(from));
            return new Phrase(set, words.toArray(String[]::new), seps.toString().toCharArray(), text.startsWith("<"),
                    text.endsWith(">"));
        }
    }

    /** ASCII char (either case) to column; 0 for a char that no first word contains. */
    private final byte[] asciiColumn = new byte[128];
    private final int columns;
    /**
     * The next state of (state, column) at state * columns + column, stored as the next state's
     * own offset (state * columns), with the sign bit set if a first word ends on entering it.
     */
    private final int[] next;
    private static final int OFFSET = 0x7fffffff;
    private static final int ENDS_WORD = 0x80000000;
    /** Phrases whose first word ends on entering the state at an offset of {@link #next}; null for most. */
    private final Phrase[][] endingAt;

    private KeywordAutomaton(Keywords[] sets) {
        List<Phrase> phrases = new ArrayList<>();
        for (Keywords set : sets) {
            for (String p : set.phrases()) {
                phrases.add(Phrase.parse(set, p));
            }
        }
        int col = 1;
        for (Phrase p : phrases) {
            for (char c : p.words()[0].toCharArray()) {
                if (c >= 128 || c != Character.toLowerCase(c)) {
                    throw new IllegalArgumentException("keywords are lower-case ASCII: " + p.words()[0]);
                }
                if (asciiColumn[c] == 0) {
                    asciiColumn[c] = (byte) col++;
                }
            }
        }
        columns = col;
        for (char c = 'a'; c <= 'z'; c++) {
            asciiColumn[Character.toUpperCase(c)] = asciiColumn[c];
        }
        List<int[]> edges = new ArrayList<>();
        List<List<Phrase>> ends = new ArrayList<>();
        edges.add(new int[columns]);
        ends.add(new ArrayList<>());
        for (Phrase p : phrases) {
            int state = 0;
            for (char c : p.words()[0].toCharArray()) {
                int k = asciiColumn[c];
                if (edges.get(state)[k] == 0) {
                    edges.get(state)[k] = edges.size();
                    edges.add(new int[columns]);
                    ends.add(new ArrayList<>());
                }
                state = edges.get(state)[k];
            }
            ends.get(state).add(p);
        }
        // failure links, breadth first, folded into the table; a state also ends what its fallback ends
        int[] fail = new int[edges.size()];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int k = 1; k < columns; k++) {
            if (edges.get(0)[k] != 0) {
                queue.add(edges.get(0)[k]);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.remove();
            ends.get(s).addAll(ends.get(fail[s]));
            for (int k = 1; k < columns; k++) {
                int t = edges.get(s)[k];
                if (t != 0) {
                    fail[t] = edges.get(fail[s])[k];
                    queue.add(t);
                } else {
                    edges.get(s)[k] = edges.get(fail[s])[k];
                }
            }
        }
        next = new int[edges.size() * columns];
        endingAt = new Phrase[edges.size() * columns][];
        for (int s = 0; s < edges.size(); s++) {
            endingAt[s * columns] = ends.get(s).isEmpty() ? null : ends.get(s).toArray(Phrase[]::new);
            for (int k = 0; k < columns; k++) {
                int t = edges.get(s)[k];
                next[s * columns + k] = t * columns | (ends.get(t).isEmpty() ? 0 : ENDS_WORD);
            }
        }
    }

    /** Every phrase occurrence in {@code text}, packed by {@link #pack}, ordered by start. */
    long[] find(String text) {
        Found found = new Found(Math.min(text.length() / 32, 1 << 16));
        int offset = 0;
        for (int i = 0; i < text.length(); i++) {
            int t = next[offset + column(text.charAt(i))];
            offset = t & OFFSET;
            if (t < 0) {
                for (Phrase p : endingAt[offset]) {
                    int start = i + 1 - p.words()[0].length();
                    int end = rest(text, p, start, i + 1);
                    if (end >= 0) {
                        found.add(pack(start, end, p.set()));
                    }
                }
            }
        }
        return found.sortedByStart();
    }

    /** An occurrence as one long: start, length and set, so that sorting orders by start. */
    static long pack(int start, int end, Keywords set) {
        return (long) start << 32 | (long) (end - start) << 8 | set.ordinal();
    }

    static int start(long occurrence) {
        return (int) (occurrence >>> 32);
    }

    static int end(long occurrence) {
        return start(occurrence) + (int) ((occurrence >>> 8) & 0xffffff);
    }

    static int set(long occurrence) {
        return (int) (occurrence & 0xff);
    }

    private static final class Found {
        long[] items;
        int count;

        Found(int expected) {
            items = new long[Math.max(16, expected)];
        }

        /** Found in order of their first word's end: each is at most a phrase length out of place. */
        long[] sortedByStart() {
            long[] a = count == items.length ? items : Arrays.copyOf(items, count);
            for (int i = 1; i < a.length; i++) {
                long v = a[i];
                int j = i - 1;
                while (j >= 0 && a[j] > v) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return a;
        }

        void add(long item) {
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count++] = item;
        }
    }

    private int column(char c) {
        if (c < 128) {
            return asciiColumn[c];
        }
        char lower = Character.toLowerCase(c);
        return lower < 128 ? asciiColumn[lower] : 0;
    }

    /** End of the whole phrase whose first word spans [start, firstEnd), or -1 if the rest does not follow. */
    private static int rest(String text, Phrase p, int start, int firstEnd) {
        if (p.boundaryBefore() && start > 0 && Chars.isWordChar(text.charAt(start - 1))) {
            return -1;
        }
        int at = firstEnd;
        for (int w = 1; w < p.words().length; w++) {
            int spaces = at;
            char sep = p.separators()[w - 1];
            if (sep == '_') {
                if (at >= text.length() || text.charAt(at) != ' ') {
                    return -1;
                }
                at++;
            } else {
                while (at < text.length() && Chars.isSpace(text.charAt(at))) {
                    at++;
                }
                if (sep == ' ' && at == spaces) {
                    return -1;
                }
            }
            String word = p.words()[w];
            if (!text.regionMatches(true, at, word, 0, word.length())) {
                return -1;
            }
            at += word.length();
        }
        if (p.boundaryAfter() && at < text.length() && Chars.isWordChar(text.charAt(at))) {
            return -1;
        }
        return at;
    }
}
