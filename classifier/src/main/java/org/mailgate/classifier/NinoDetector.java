package org.mailgate.classifier;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * UK National Insurance number: two prefix letters, six digits, suffix A-D. HMRC never issues
 * prefixes with first letter D F I Q U V, second letter D F I O Q U V, nor BG GB NK KN TN NT ZZ;
 * rejecting those removes most look-alike product codes. No checksum exists, so keywords decide
 * between MEDIUM and HIGH.
 */
final class NinoDetector implements Detector {
    /** The shape, as a specification: {@link #endOfMatchAt} checks it by hand, and {@code ShapeChecksTest} compares the two. */
    static final Pattern NINO = Pattern.compile(
            "(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ -]?(\\d{2})[ -]?(\\d{2})[ -]?(\\d{2})[ -]?([A-D])(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> INVALID_PREFIXES = Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        String text = scan.text;
        NumericWords words = scan.words();
        int resume = 0; // matches do not overlap, as with Matcher.find
        for (int w = 0; w < words.count(); w++) {
            // the prefix starts the word ("AB123456C") or is a two-letter word just before it ("AB 12 34 56 C")
            int start = words.start(w);
            if (Chars.isDigit(text.charAt(start))) {
                start -= 3;
                if (start < 0 || " -".indexOf(text.charAt(start + 2)) < 0) {
                    continue;
                }
            }
            if (start >= resume && Chars.isLetter(text.charAt(start)) && Chars.isLetter(text.charAt(start + 1))) {
                int end = endOfMatchAt(text, start);
                if (end >= 0) {
                    report(scan, found, start, end);
                    resume = end;
                }
            }
        }
    }

    /** {@link #NINO} matched at {@code start}: the end of the match, or -1. The shape has no backtracking to do. */
    static int endOfMatchAt(String t, int start) {
        int n = t.length();
        if (start > 0 && Chars.isAlnum(t.charAt(start - 1)) || start + 2 > n
                || !letterOutside(t.charAt(start), "dfiquv") || !letterOutside(t.charAt(start + 1), "dfioquv")) {
            return -1;
        }
        int i = start + 2;
        for (int pair = 0; pair < 3; pair++) {
            i = skipSeparator(t, i);
            if (i + 2 > n || !Chars.isDigit(t.charAt(i)) || !Chars.isDigit(t.charAt(i + 1))) {
                return -1;
            }
            i += 2;
        }
        i = skipSeparator(t, i);
        if (i >= n || (t.charAt(i) | 0x20) < 'a' || (t.charAt(i) | 0x20) > 'd' || i + 1 < n && Chars.isAlnum(t.charAt(i + 1))) {
            return -1;
        }
        return i + 1;
    }

    private static boolean letterOutside(char c, String lowerCaseExcluded) {
        return Chars.isLetter(c) && lowerCaseExcluded.indexOf(c | 0x20) < 0;
    }

    private static int skipSeparator(String t, int i) {
        return i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '-') ? i + 1 : i;
    }

    private static void report(Scan scan, List<Hit> found, int start, int end) {
        String text = scan.text;
        char first = text.charAt(start);
        char second = text.charAt(start + 1);
        char suffix = text.charAt(end - 1);
        boolean keyword = scan.near(Keywords.NINO, start, end);
        if (!keyword && !(Chars.isUpper(first) && Chars.isUpper(second) && Chars.isUpper(suffix))) {
            return; // lower case "ab123456c" is only an NI number when labelled as one
        }
        // the key "AB123456C", made from the chars (the shape check let only ASCII through)
        char[] key = new char[9];
        key[0] = (char) (first & ~0x20);
        key[1] = (char) (second & ~0x20);
        boolean zeros = true;
        for (int i = start + 2, k = 2; i < end - 1; i++) {
            char ch = text.charAt(i);
            if (Chars.isDigit(ch)) {
                key[k++] = ch;
                zeros &= ch == '0';
            }
        }
        key[8] = (char) (suffix & ~0x20);
        if (zeros || INVALID_PREFIXES.contains(String.valueOf(key, 0, 2))) {
            return;
        }
        Confidence c = keyword ? Confidence.HIGH : Confidence.MEDIUM;
        found.add(new Hit(FindingType.UK_NINO, new String(key), c, start, end));
    }

    /** "AB •• •• •• C" from the key "AB123456C". */
    static String mask(String key) {
        return key.substring(0, 2) + " \u2022\u2022 \u2022\u2022 \u2022\u2022 " + key.charAt(8);
    }

    static boolean validPrefix(String p) {
        return p.length() == 2 && "DFIQUV".indexOf(p.charAt(0)) < 0 && "DFIOQUV".indexOf(p.charAt(1)) < 0
                && !INVALID_PREFIXES.contains(p);
    }
}
