package org.mailgate.classifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * All {@link Keywords} phrases in one Aho–Corasick automaton over their first words, so that one
 * pass over a segment finds every keyword of every set, wherever it starts. Word boundaries are
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
    static final KeywordAutomaton INSTANCE = new KeywordAutomaton(Keywords.values());
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
     * lines; as chars the table takes half the memory of ints (48 KB for the current keywords).
     */
    private final char[] next;
    private static final int ENDS_WORD = 1 << 15;
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

    private KeywordAutomaton(Keywords[] sets) {
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
            throw new IllegalStateException("too many keyword states for a char table: " + edges.size());
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
     * Every phrase occurrence in {@code text}, packed by {@link #pack}, ordered by start;
     * {@code ascii} is the text as bytes if it is ASCII, else null.
     */
    long[] find(String text, byte[] ascii) {
        int n = text.length();
        byte[] in = ascii;
        if (in == null) {
            in = new byte[n];
            for (int i = 0; i < n; i++) {
                in[i] = representative[column(text.charAt(i))];
            }
        }
        Found found = new Found(Math.min(n / 32, 1 << 16));
        if (n < STREAMS_FROM) {
            endOfText(text, scan(text, in, startOffset, 0, n, found), found);
        } else {
            scanInFour(text, in, found);
        }
        return found.sortedByStart();
    }

    /** As {@link #find}, in one plain pass (the reference the four-stream scan is tested against). */
    long[] findInOnePass(String text) {
        Found found = new Found(Math.min(text.length() / 32, 1 << 16));
        int offset = startOffset;
        for (int i = 0; i < text.length(); i++) {
            int t = next[offset + column(text.charAt(i))];
            offset = t & ~ENDS_WORD;
            if ((t & ENDS_WORD) != 0) {
                ended(text, i, offset, found);
            }
        }
        endOfText(text, offset, found);
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
    private void scanInFour(String text, byte[] in, Found found) {
        int n = in.length;
        int q = n / 4;
        int lead = longestWord;
        Found f1 = new Found(Math.min(n / 128, 1 << 14));
        Found f2 = new Found(Math.min(n / 128, 1 << 14));
        Found f3 = new Found(Math.min(n / 128, 1 << 14));
        int a = startOffset;
        int b = 0;
        int c = 0;
        int d = 0;
        int j0 = q - lead;
        int k0 = 2 * q - lead;
        int l0 = 3 * q - lead;
        for (int i = 0; i < q; i++) {
            int ta = NEXT[a + COLUMN[in[i] & 0xff] & NEXT_MASK];
            int tb = NEXT[b + COLUMN[in[i + j0] & 0xff] & NEXT_MASK];
            int tc = NEXT[c + COLUMN[in[i + k0] & 0xff] & NEXT_MASK];
            int td = NEXT[d + COLUMN[in[i + l0] & 0xff] & NEXT_MASK];
            a = ta;
            b = tb;
            c = tc;
            d = td;
            if (((ta | tb | tc | td) & ENDS_WORD) != 0) {
                if ((ta & ENDS_WORD) != 0) {
                    ended(text, i, a, found);
                }
                if ((tb & ENDS_WORD) != 0 && i + j0 >= q) {
                    ended(text, i + j0, b, f1);
                }
                if ((tc & ENDS_WORD) != 0 && i + k0 >= 2 * q) {
                    ended(text, i + k0, c, f2);
                }
                if ((td & ENDS_WORD) != 0 && i + l0 >= 3 * q) {
                    ended(text, i + l0, d, f3);
                }
            }
        }
        // each later quarter still has its lead to go, and the last one the rest of the text
        scan(text, in, b, 2 * q - lead, 2 * q, f1);
        scan(text, in, c, 3 * q - lead, 3 * q, f2);
        endOfText(text, scan(text, in, d, 4 * q - lead, n, f3), f3);
        found.addAll(f1); // the words of a quarter all end before those of the next
        found.addAll(f2);
        found.addAll(f3);
    }

    /** Continues from row {@code offset} (as read from the table) over [from, to), reporting the words that end there; returns the last value read. */
    private int scan(String text, byte[] in, int offset, int from, int to, Found found) {
        for (int i = from; i < to; i++) {
            int t = NEXT[offset + COLUMN[in[i] & 0xff] & NEXT_MASK];
            offset = t;
            if ((t & ENDS_WORD) != 0) {
                ended(text, i, offset, found);
            }
        }
        return offset;
    }

    /** Reports the words that end with the non-word char read after the text, where the scan ended in row {@code offset}. */
    private void endOfText(String text, int offset, Found found) {
        int t = next[(offset & ~ENDS_WORD) + NON_WORD];
        if ((t & ENDS_WORD) != 0) {
            ended(text, text.length(), t, found);
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
                found.add(pack(start, firstEnd, info >>> 8 & 0xff)); // the automaton checked both boundaries
                continue;
            }
            int end = rest(text, phrases[p], firstEnd);
            if (end < 0 || (info & BOUNDARY_AFTER) != 0 && end < text.length() && Chars.isWordChar(text.charAt(end))) {
                continue;
            }
            found.add(pack(start, end, info >>> 8 & 0xff));
        }
    }

    /** An occurrence as one long: start, length and set, so that sorting orders by start. */
    static long pack(int start, int end, int set) {
        return (long) start << 32 | (long) (end - start) << 8 | set;
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

        void addAll(Found other) {
            for (int i = 0; i < other.count; i++) {
                add(other.items[i]);
            }
        }

        void add(long item) {
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count++] = item;
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
