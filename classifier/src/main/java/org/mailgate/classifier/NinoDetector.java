package org.mailgate.classifier;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK National Insurance number: two prefix letters, six digits, suffix A-D. HMRC never issues
 * prefixes with first letter D F I Q U V, second letter D F I O Q U V, nor BG GB NK KN TN NT ZZ;
 * rejecting those removes most look-alike product codes. No checksum exists, so keywords decide
 * between MEDIUM and HIGH.
 */
final class NinoDetector implements Detector {
    private static final Pattern NINO = Pattern.compile(
            "(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ -]?(\\d{2})[ -]?(\\d{2})[ -]?(\\d{2})[ -]?([A-D])(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> INVALID_PREFIXES = Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        String text = scan.text;
        NumericWords words = scan.words();
        AnchoredMatcher nino = scan.anchored(NINO);
        for (int w = 0; w < words.count(); w++) {
            // the prefix starts the word ("AB123456C") or is a two-letter word just before it ("AB 12 34 56 C")
            int start = words.start(w);
            if (Chars.isDigit(text.charAt(start))) {
                start -= 3;
                if (start < 0 || " -".indexOf(text.charAt(start + 2)) < 0) {
                    continue;
                }
            }
            if (Chars.isLetter(text.charAt(start)) && Chars.isLetter(text.charAt(start + 1)) && nino.matchesAt(start)) {
                report(scan, found, nino.match());
            }
        }
    }

    private static void report(Scan scan, List<Hit> found, Matcher m) {
        String prefix = m.group(1).toUpperCase(Locale.ROOT);
        String suffix = m.group(5).toUpperCase(Locale.ROOT);
        boolean keyword = scan.near(Keywords.NINO, m.start(), m.end());
        if (!keyword && !(m.group(1) + m.group(5)).equals(prefix + suffix)) {
            return; // lower case "ab123456c" is only an NI number when labelled as one
        }
        if (INVALID_PREFIXES.contains(prefix)) {
            return;
        }
        String digits = m.group(2) + m.group(3) + m.group(4);
        if (TextNormalizer.allSame(digits) && digits.charAt(0) == '0') {
            return;
        }
        Confidence c = keyword ? Confidence.HIGH : Confidence.MEDIUM;
        found.add(new Hit(FindingType.UK_NINO, prefix + digits + suffix, c,
                prefix + " \u2022\u2022 \u2022\u2022 \u2022\u2022 " + suffix, m.start(), m.end()));
    }

    static boolean validPrefix(String p) {
        return p.length() == 2 && "DFIQUV".indexOf(p.charAt(0)) < 0 && "DFIOQUV".indexOf(p.charAt(1)) < 0
                && !INVALID_PREFIXES.contains(p);
    }
}
