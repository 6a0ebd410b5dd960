package org.mailgate.classifier;

import java.util.List;
import java.util.Set;

/**
 * The masked snippet of a finding's evidence: its sentence (or table row), clipped to about
 * {@link #AROUND} chars either side, with the value replaced by its masked sample, every other
 * digit and every char of a word holding a digit or an {@code @} masked, and the names of people
 * cut to their initial ({@code Mrs H•••}). Keywords, titles and labels stay readable.
 */
final class Snippets {
    static final int AROUND = 60;
    private static final char BULLET = '\u2022';
    private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Master");

    private Snippets() {
    }

    static String of(String text, Hit hit) {
        // reach twice the clip: CRLF text (counted without its CRs) gives the same snippet as LF text
        TextUnits.Unit s = TextUnits.sentence(text, hit.start(), hit.end(), 2 * (AROUND + 1));
        int a = hit.start();
        for (int n = 0; a > s.start() && n < AROUND; a--) {
            n += crOfCrlf(text, a - 1) ? 0 : 1; // CRLF text gives the same snippet as LF text
        }
        int b = hit.end();
        for (int n = 0; b < s.end() && n < AROUND; b++) {
            n += crOfCrlf(text, b) ? 0 : 1;
        }
        while (a > s.start() && a < hit.start() && !Character.isWhitespace(text.charAt(a - 1))) {
            a++; // start at a word
        }
        while (b < s.end() && b > hit.end() && !Character.isWhitespace(text.charAt(b))) {
            b--;
        }
        boolean[] name = nameChars(text, a, b);
        StringBuilder out = new StringBuilder(b - a + 16);
        int i = a;
        while (i < b) {
            if (i == hit.start()) {
                out.append(shownValue(text, hit));
                i = Math.max(i + 1, hit.end());
                continue;
            }
            int wordEnd = i;
            while (wordEnd < b && !Character.isWhitespace(text.charAt(wordEnd)) && wordEnd != hit.start()) {
                wordEnd++;
            }
            if (wordEnd == i) {
                i++;
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                continue; // whitespace of any kind reads as one space
            }
            appendWord(out, text, i, wordEnd, a, name);
            i = wordEnd;
        }
        return (a > s.start() ? "\u2026" : "") + out.toString().strip() + (b < s.end() ? "\u2026" : "");
    }

    private static boolean crOfCrlf(String text, int i) {
        return text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
    }

    private static String shownValue(String text, Hit hit) {
        return switch (hit.type()) {
            // a category term or a marking is a keyword, not personal data
            case SPECIAL_CATEGORY, PROTECTIVE_MARKING -> text.substring(hit.start(), hit.end()).replaceAll("\\s+", " ");
            default -> hit.masked();
        };
    }

    /** Appends the word [from, to): masked if it holds a digit or '@', names cut to their initial. */
    private static void appendWord(StringBuilder out, String text, int from, int to, int base, boolean[] name) {
        boolean secret = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            secret |= Character.isDigit(c) || c == '@';
        }
        int k = from;
        while (k < to) {
            char c = text.charAt(k);
            if (secret && Character.isLetterOrDigit(c) || Character.isDigit(c)) {
                out.append(BULLET);
                k++;
            } else if (name[k - base] && Character.isLetter(c)) {
                out.append(c).append(BULLET).append(BULLET).append(BULLET);
                while (k < to && name[k - base]) {
                    k++;
                }
            } else {
                out.append(c);
                k++;
            }
        }
    }

    /** Per char of [a, b) of the text (indexed from a), true if it is part of a person's name. */
    private static boolean[] nameChars(String text, int a, int b) {
        boolean[] name = new boolean[b - a];
        // from a little before the snippet: a name cut by its start ("…Smith, diagnosed") is masked too
        List<People.Mention> mentions = People.all(text, Math.max(0, a - 40), b);
        for (People.Mention m : mentions) {
            int i = m.start();
            // labels and titles stay: mask the capitalised words after them
            int sep = text.substring(m.start(), m.end()).indexOf(':');
            if (sep < 0) {
                sep = text.substring(m.start(), m.end()).indexOf('-');
            }
            if (sep >= 0 && m.how().equals(People.LABELLED)) {
                i = m.start() + sep + 1;
            }
            while (i < m.end()) {
                int e = i;
                while (e < m.end() && (Character.isLetter(text.charAt(e)) || e > i && (text.charAt(e) == '\'' || text.charAt(e) == '-'))) {
                    e++;
                }
                if (e > i && !TITLES.contains(text.substring(i, e)) && Character.isUpperCase(text.charAt(i))) {
                    for (int k = i; k < e; k++) {
                        if (k >= a && k < b) {
                            name[k - a] = true;
                        }
                    }
                }
                i = Math.max(e, i + 1);
            }
        }
        return name;
    }
}
