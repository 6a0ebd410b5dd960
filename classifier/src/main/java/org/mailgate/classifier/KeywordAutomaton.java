package org.mailgate.classifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * The {@link Keywords} phrases in an Aho–Corasick automaton over their first words, so that one
 * pass over a segment finds every keyword of every set, wherever it starts ({@link #INSTANCE};
 * the few sets looked for only in small windows have one of their own, {@link #LOCAL}). Word boundaries are
 * part of the automaton: every char that is not a word char for {@code \b} reads as one column,
 * {@link #NON_WORD}, and a phrase with a boundary before it ("&lt;ref") starts with that column,
 * one whose first word must be followed by a boundary or whitespace ("ref&gt;", "on bail") ends
 * with it; the text reads as if a non-word char stood before and after it. So "po" in "report" or
 * "on" in "phone" never stop the scan. The rest of a phrase (further words, punctuation inside
 * the first word, which shares the column) is checked where its first word ends. The transition
 * table is complete (failure links folded in), so each character costs one table lookup; long
 * texts are scanned as four quarters in one loop ({@link #scanInFour}). Immutable once built; {@link #INSTANCE} is shared by all threads.
 */
final class KeywordAutomaton {
    /** The sets found in the whole text by one pass ({@link #find}). */
    static final KeywordAutomaton INSTANCE = new KeywordAutomaton(sets(false));
    /** The sets looked for only where asked ({@link #occursWithin}): see {@link Keywords#local()}. */
    static final KeywordAutomaton LOCAL = new KeywordAutomaton(sets(true));
    /**
     * The scan loops read these static copies of {@link #latin1Column} and {@link #next}: the JIT
     * knows a static final array's length, so with their indexes masked ({@code & 0xff}, {@code
     * & NEXT_MASK}, which change nothing, as every index is in range) it drops the bounds check of
     * every lookup, two of the five instructions a char costs.
     */
    private static final byte[] COLUMN = INSTANCE.latin1Column;
    private static final char[] NEXT = INSTANCE.next;
    private static final int NEXT_MASK = NEXT.length - 1;

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

    /** ASCII char (either case) to column; 0 for a word char that no first word contains. */
    private final byte[] asciiColumn = new byte[128];
    /** The column of every char below 256 ({@link #column}), so the scan loop needs one lookup. */
    private final byte[] latin1Column = new byte[256];
    /** For each column, an ASCII char of that column: other text is scanned as these. */
    private final byte[] representative;

    private final int columns;
    /** log2 of the row length: rows are padded to a power of two, so a state's row starts at state << shift. */
    private final int shift;
    /**
     * The next state of (state, column) at (state << shift) + column, stored as the next state's
     * row offset, with the top bit ({@link #ENDS_WORD}) set if a first word ends on entering it.
     * The table is at most half as long as that bit, so the mask that keeps an index in range
     * also drops the bit: the scan adds a column to the value it read without clearing it. States are numbered
     * breadth first, so the shallow states the scan spends most of its time in share a few cache
     * lines; as chars the table takes half the memory of ints (59 KB of rows for the current
     * keywords, 946 states of 32 columns; a char table has room for 1,024 such states, so a few
     * dozen more first words will need a wider table or a second automaton).
     */
    private final char[] next;
    private static final int ENDS_SHIFT = 15;
    private static final int ENDS_WORD = 1 << ENDS_SHIFT;
    /**
     * The phrases whose first word ends on entering state s are {@code endingPhrases[endingFrom[s]
     * .. endingFrom[s + 1])}, by index into {@link #phrases}. Flat int arrays, and the facts about
     * a phrase that most checks need in one int ({@link #phraseInfo}): a first word ends every
     * twenty chars or so in business text, and most end checks then read no object at all.
     */
    private final int[] endingFrom;
    private final int[] endingPhrases;
    private final Phrase[] phrases;
    /** Per phrase: first word's length (low byte), set ordinal (next byte) and the flags below. */
    private final int[] phraseInfo;
    private static final int BOUNDARY_AFTER = 1 << 17;
    private static final int MORE_WORDS = 1 << 18;
    /** The automaton read a {@link #NON_WORD} char after the first word: the word ended one char earlier. */
    private static final int NON_WORD_AFTER = 1 << 19;
    /** The first word holds punctuation, which the automaton only knows as {@link #NON_WORD}. */
    private static final int PUNCTUATED = 1 << 20;
    /** The column of every char that is not a word char for {@code \b} (whitespace, punctuation). */
    private static final int NON_WORD = 1;
    /** The row the scan starts in: after one {@link #NON_WORD} char, as if the text were preceded by one. */
    private final int startOffset;
    /** Length of the longest input the automaton reads for a first word (with its boundary columns). */
    private final int longestWord;

    private static List<Keywords> sets(boolean local) {
        return Arrays.stream(Keywords.values()).filter(k -> k.local() == local).toList();
    }

    private KeywordAutomaton(List<Keywords> sets) {
        List<Phrase> phrases = new ArrayList<>();
        for (Keywords set : sets) {
            for (String p : set.phrases()) {
                phrases.add(Phrase.parse(set, p));
            }
        }
        int col = NON_WORD + 1;
        for (Phrase p : phrases) {
            for (char c : p.words()[0].toCharArray()) {
                if (c >= 128 || c != Character.toLowerCase(c)) {
                    throw new IllegalArgumentException("keywords are lower-case ASCII: " + p.words()[0]);
                }
                if (Chars.isWordChar(c) && asciiColumn[c] == 0) {
                    asciiColumn[c] = (byte) col++;
                }
            }
        }
        columns = col;
        for (char c = 'a'; c <= 'z'; c++) {
            asciiColumn[Character.toUpperCase(c)] = asciiColumn[c];
        }
        for (char c = 0; c < 256; c++) {
            latin1Column[c] = (byte) otherColumn(c);
        }
        representative = new byte[columns];
        Arrays.fill(representative, (byte) -1);
        for (char c = 127; c > 0; c--) {
            representative[latin1Column[c]] = (byte) c;
        }
        for (byte r : representative) {
            if (r < 0) {
                throw new IllegalStateException("a keyword column without an ASCII char");
            }
        }
        int longest = 0;
        List<int[]> inputs = new ArrayList<>();
        for (Phrase p : phrases) {
            int[] input = input(p);
            inputs.add(input);
            longest = Math.max(longest, input.length);
        }
        longestWord = longest;
        List<int[]> edges = new ArrayList<>();
        List<List<Phrase>> ends = new ArrayList<>();
        edges.add(new int[columns]);
        ends.add(new ArrayList<>());
        for (int q = 0; q < phrases.size(); q++) {
            Phrase p = phrases.get(q);
            int state = 0;
            for (int k : inputs.get(q)) {
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
        int[] rank = new int[edges.size()]; // breadth-first number of each state
        int ranked = 1;
        Queue<Integer> queue = new ArrayDeque<>();
        for (int k = 1; k < columns; k++) {
            if (edges.get(0)[k] != 0) {
                queue.add(edges.get(0)[k]);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.remove();
            rank[s] = ranked++;
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
        shift = 32 - Integer.numberOfLeadingZeros(columns - 1);
        if ((long) edges.size() << shift > Character.MAX_VALUE) {
            throw new IllegalStateException("too many keyword states for a char table: " + edges.size());
        }
        this.phrases = phrases.toArray(Phrase[]::new);
        phraseInfo = new int[this.phrases.length];
        for (int p = 0; p < this.phrases.length; p++) {
            Phrase phrase = this.phrases[p];
            phraseInfo[p] = phrase.words()[0].length() | phrase.set().ordinal() << 8
                    | (phrase.boundaryAfter() ? BOUNDARY_AFTER : 0)
                    | (phrase.words().length > 1 ? MORE_WORDS : 0)
                    | (nonWordAfter(phrase) ? NON_WORD_AFTER : 0)
                    | (phrase.words()[0].chars().allMatch(c -> Chars.isWordChar((char) c)) ? 0 : PUNCTUATED);
        }
        int[] byRank = new int[edges.size()];
        for (int s = 0; s < edges.size(); s++) {
            byRank[rank[s]] = s;
        }
        endingFrom = new int[edges.size() + 1];
        List<Integer> ending = new ArrayList<>();
        for (int r = 0; r < edges.size(); r++) {
            endingFrom[r] = ending.size();
            for (Phrase phrase : ends.get(byRank[r])) {
                ending.add(phrases.indexOf(phrase));
            }
        }
        endingFrom[edges.size()] = ending.size();
        endingPhrases = ending.stream().mapToInt(Integer::intValue).toArray();
        // a power of two in all, so that an index masked with its length - 1 is plainly in range
        next = new char[Integer.highestOneBit((edges.size() << shift) - 1) << 1];
        if (next.length > ENDS_WORD) {
            throw new IllegalStateException("too many keyword states for a char table with its flag bit: " + edges.size());
        }
        for (int s = 0; s < edges.size(); s++) {
            int row = rank[s] << shift;
            for (int k = 0; k < columns; k++) {
                int t = edges.get(s)[k];
                next[row + k] = (char) (rank[t] << shift | (ends.get(t).isEmpty() ? 0 : ENDS_WORD));
            }
        }
        startOffset = next[NON_WORD] & ~ENDS_WORD;
    }

    /** The columns the automaton reads for a phrase's first word, with the boundaries around it. */
    private int[] input(Phrase p) {
        String word = p.words()[0];
        int[] input = new int[word.length() + (p.boundaryBefore() ? 1 : 0) + (nonWordAfter(p) ? 1 : 0)];
        int n = 0;
        if (p.boundaryBefore()) {
            input[n++] = NON_WORD;
        }
        for (char c : word.toCharArray()) {
            input[n++] = column(c);
        }
        if (nonWordAfter(p)) {
            input[n] = NON_WORD;
        }
        return input;
    }

    /** True if the first word must be followed by a non-word char: a boundary, or the whitespace before the next word. */
    private static boolean nonWordAfter(Phrase p) {
        return p.words().length == 1 ? p.boundaryAfter() : p.separators()[0] != '~';
    }

    /**
     * Every phrase occurrence in {@code text}: per set (by ordinal), its occurrences packed by
     * {@link #pack} and ordered by start, or null if it has none. {@code view}: the text's ASCII
     * chars as bytes, any other char as a negative byte ({@link TextNormalizer#asciiView}; the
     * array may be longer); {@code ascii}: it has no other char. Only for {@link #INSTANCE},
     * whose tables the scan reads as constants.
     */
    long[][] find(String text, byte[] view, boolean ascii) {
        int n = text.length();
        byte[] in = view;
        if (!ascii) {
            // the scan reads bytes: each other char as an ASCII char of its column (a text's
            // other chars are mostly a few kinds, such as curly quotes: the last one is kept)
            in = Arrays.copyOf(view, n);
            char last = 0;
            byte lastByte = 0;
            for (int i = 0; i < n; i++) {
                if (in[i] < 0) {
                    char c = text.charAt(i);
                    if (c != last) {
                        last = c;
                        lastByte = representative[column(c)];
                    }
                    in[i] = lastByte;
                }
            }
        }
        Found found = new Found();
        if (n < STREAMS_FROM) {
            Steps steps = new Steps(n / 32);
            steps.endOfText(n, scan(in, startOffset, 0, n, steps));
            steps.report(this, text, 0, found);
        } else {
            scanInFour(text, in, n, found);
        }
        return found.sortedByStart();
    }

    /**
     * True if a whole occurrence of a phrase lies inside [from, to) of {@code text}, looking only
     * there: the scan starts the longest first word earlier (Aho–Corasick states only remember
     * that many chars) and reads one char past {@code to}, which may be the boundary a word needs.
     */
    boolean occursWithin(String text, int from, int to) {
        int n = text.length();
        from = Math.max(0, from);
        to = Math.min(n, to);
        if (from >= to) {
            return false;
        }
        int i = Math.max(0, from - longestWord);
        int offset = i == 0 ? startOffset : 0;
        int last = Math.min(n, to + 1);
        Found found = new Found();
        for (; i < last; i++) {
            int t = next[offset + column(text.charAt(i))];
            offset = t & ~ENDS_WORD;
            if ((t & ENDS_WORD) != 0) {
                ended(text, i, t, found);
            }
        }
        if (last == n && (next[offset + NON_WORD] & ENDS_WORD) != 0) {
            ended(text, n, next[offset + NON_WORD], found);
        }
        for (int k = 0; k < found.bySet.length; k++) {
            for (int j = 0; j < found.counts[k]; j++) {
                long o = found.bySet[k][j];
                if (start(o) >= from && end(o) <= to) {
                    return true;
                }
            }
        }
        return false;
    }

    /** As {@link #find}, in one plain pass (the reference the four-stream scan is tested against). */
    long[][] findInOnePass(String text) {
        Found found = new Found();
        int offset = startOffset;
        for (int i = 0; i < text.length(); i++) {
            int t = next[offset + column(text.charAt(i))];
            offset = t & ~ENDS_WORD;
            if ((t & ENDS_WORD) != 0) {
                ended(text, i, offset, found);
            }
        }
        int t = next[offset + NON_WORD]; // as if a non-word char followed the text
        if ((t & ENDS_WORD) != 0) {
            ended(text, text.length(), t, found);
        }
        return found.sortedByStart();
    }

    /** Below this length one pass is as fast as four. */
    private static final int STREAMS_FROM = 4096;

    /**
     * The scan is bound by the latency of one table lookup waiting for the one before it, so four
     * quarters of the text are scanned in the same loop: their lookups do not depend on each
     * other and overlap in the CPU. A quarter after the first starts the longest first word early,
     * which puts its automaton in the state a scan from the start would have there (Aho–Corasick
     * states only remember that many chars); it reports only the words that end in its quarter.
     * It reads ASCII bytes, or other text as the ASCII chars of its columns made beforehand.
     */
    private void scanInFour(String text, byte[] in, int n, Found found) {
        int q = n / 4;
        int lead = longestWord;
        Steps sa = new Steps(n / 512);
        Steps sb = new Steps(n / 512);
        Steps sc = new Steps(n / 512);
        Steps sd = new Steps(n / 512);
        int a = startOffset;
        int b = 0;
        int c = 0;
        int d = 0;
        int j0 = q - lead;
        int k0 = 2 * q - lead;
        int l0 = 3 * q - lead;
        for (int i = 0; i < q; i++) {
            a = NEXT[a + COLUMN[in[i] & 0xff] & NEXT_MASK];
            b = NEXT[b + COLUMN[in[i + j0] & 0xff] & NEXT_MASK];
            c = NEXT[c + COLUMN[in[i + k0] & 0xff] & NEXT_MASK];
            d = NEXT[d + COLUMN[in[i + l0] & 0xff] & NEXT_MASK];
            if (((a | b | c | d) & ENDS_WORD) != 0) {
                sa.note(i, a);
                sb.note(i + j0, b);
                sc.note(i + k0, c);
                sd.note(i + l0, d);
            }
        }
        // each later quarter still has its lead to go, and the last one the rest of the text
        scan(in, b, 2 * q - lead, 2 * q, sb);
        scan(in, c, 3 * q - lead, 3 * q, sc);
        sd.endOfText(n, scan(in, d, 4 * q - lead, n, sd));
        sa.report(this, text, 0, found); // the words of a quarter all end before those of the next
        sb.report(this, text, q, found); // (the streams after the first started early)
        sc.report(this, text, 2 * q, found);
        sd.report(this, text, 3 * q, found);
    }

    /** Continues from row {@code offset} (as read from the table) over [from, to), noting where words end; returns the last value read. */
    private static int scan(byte[] in, int offset, int from, int to, Steps steps) {
        for (int i = from; i < to; i++) {
            offset = NEXT[offset + COLUMN[in[i] & 0xff] & NEXT_MASK];
            if ((offset & ENDS_WORD) != 0) {
                steps.add(i, offset);
            }
        }
        return offset;
    }

    /**
     * The steps of a scan on which a first word ended (position and table value), noted in the
     * scan loop and checked after it. The four-stream loop notes all four streams' steps whenever
     * one of them ended a word, counting only those that did, without a branch per stream: which
     * stream it was is as hard for the CPU to predict as whether one was.
     */
    private static final class Steps {
        long[] items;
        int count;

        Steps(int expected) {
            items = new long[Math.max(16, expected)];
        }

        void add(int position, int value) {
            note(position, value | ENDS_WORD);
        }

        /** Keeps the step if {@code value} has {@link #ENDS_WORD}, without a branch on it. */
        void note(int position, int value) {
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count] = (long) position << 16 | value;
            count += value >>> ENDS_SHIFT; // table values are chars
        }

        /** Notes the words that end with the non-word char read after the text, the scan having ended on {@code value}. */
        void endOfText(int length, int value) {
            int t = NEXT[(value & ~ENDS_WORD) + NON_WORD];
            if ((t & ENDS_WORD) != 0) {
                add(length, t);
            }
        }

        /** Reports the words whose first word ended at {@code from} or later. */
        void report(KeywordAutomaton automaton, String text, int from, Found found) {
            for (int k = 0; k < count; k++) {
                int position = (int) (items[k] >>> 16);
                if (position >= from) {
                    automaton.ended(text, position, (int) items[k] & 0xffff, found);
                }
            }
        }
    }

    /**
     * Reports the phrases whose first word ends at {@code i}, where the automaton entered the state
     * at {@code offset} (as read from the table: with {@link #ENDS_WORD}).
     */
    private void ended(String text, int i, int offset, Found found) {
        int state = (offset & ~ENDS_WORD) >>> shift;
        for (int k = endingFrom[state]; k < endingFrom[state + 1]; k++) {
            int p = endingPhrases[k];
            int info = phraseInfo[p];
            int firstEnd = (info & NON_WORD_AFTER) != 0 ? i : i + 1;
            int start = firstEnd - (info & 0xff);
            if ((info & PUNCTUATED) != 0 && !punctuationMatches(text, start, phrases[p].words()[0])) {
                continue;
            }
            if ((info & MORE_WORDS) == 0) {
                found.add(info >>> 8 & 0xff, pack(start, firstEnd)); // the automaton checked both boundaries
                continue;
            }
            int end = rest(text, phrases[p], firstEnd);
            if (end < 0 || (info & BOUNDARY_AFTER) != 0 && end < text.length() && Chars.isWordChar(text.charAt(end))) {
                continue;
            }
            found.add(info >>> 8 & 0xff, pack(start, end));
        }
    }

    /** An occurrence as one long: start and length, so that sorting orders by start. */
    static long pack(int start, int end) {
        return (long) start << 32 | (end - start);
    }

    static int start(long occurrence) {
        return (int) (occurrence >>> 32);
    }

    static int end(long occurrence) {
        return start(occurrence) + (int) occurrence;
    }

    /** The occurrences of each set, as they are found. */
    private static final class Found {
        final long[][] bySet = new long[Keywords.values().length][];
        final int[] counts = new int[bySet.length];

        void add(int set, long occurrence) {
            long[] a = bySet[set];
            int n = counts[set];
            if (a == null) {
                bySet[set] = a = new long[16];
            } else if (n == a.length) {
                bySet[set] = a = Arrays.copyOf(a, n * 2);
            }
            a[n] = occurrence;
            counts[set] = n + 1;
        }

        /** Found in order of their first word's end: each is at most a phrase length out of place. */
        long[][] sortedByStart() {
            for (int k = 0; k < bySet.length; k++) {
                if (bySet[k] == null) {
                    continue;
                }
                long[] a = bySet[k] = Arrays.copyOf(bySet[k], counts[k]);
                for (int i = 1; i < a.length; i++) {
                    long v = a[i];
                    int j = i - 1;
                    while (j >= 0 && a[j] > v) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
            }
            return bySet;
        }
    }

    private int column(char c) {
        return c < 256 ? latin1Column[c] : otherColumn(c);
    }

    private int otherColumn(char c) {
        int column = c < 128 ? asciiColumn[c] : Character.toLowerCase(c) < 128 ? asciiColumn[Character.toLowerCase(c)] : 0;
        return column != 0 ? column : Chars.isWordChar(c) ? 0 : NON_WORD;
    }

    /** The chars of {@code word} that the automaton read as {@link #NON_WORD} are the same in the text. */
    private static boolean punctuationMatches(String text, int start, String word) {
        if (start < 0 || start + word.length() > text.length()) {
            return false; // the automaton read the non-word char before or after the text
        }
        for (int q = 0; q < word.length(); q++) {
            if (!Chars.isWordChar(word.charAt(q)) && text.charAt(start + q) != word.charAt(q)) {
                return false;
            }
        }
        return true;
    }

    /** End of the words after the first, which ends at {@code firstEnd}, or -1 if they do not follow. */
    private static int rest(String text, Phrase p, int firstEnd) {
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
        return at;
    }
}
