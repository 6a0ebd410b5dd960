package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DVLA driving licence number, 16 characters: 5 of surname (padded with 9), decade digit of the
 * birth year, birth month (plus 50 for women), birth day, year digit, 2 initials (padded with 9),
 * an arbitrary digit and 2 check letters. The embedded date of birth must be a real month/day.
 */
final class DrivingLicenceDetector implements Detector {
    private static final Pattern DL = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Z][A-Z]{0,4}9{0,4})[ ]?(\\d)(\\d{2})(\\d{2})(\\d)[ ]?([A-Z][A-Z9])(\\d)([A-Z]{2})(?![A-Za-z0-9])");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        String text = scan.text;
        NumericWords words = scan.words();
        AnchoredMatcher dl = scan.anchored(DL);
        for (int w = 0; w < words.count(); w++) {
            int s = words.longestDigitRun(w) < 6 ? -1 : start(text, words.start(w));
            if (s < 0 || !dl.matchesAt(s)) {
                continue;
            }
            Matcher m = dl.match();
            if (m.group(1).length() != 5) {
                continue;
            }
            int month = Integer.parseInt(m.group(3));
            int day = Integer.parseInt(m.group(4));
            if (month > 50) {
                month -= 50;
            }
            if (month < 1 || month > 12 || day < 1 || day > 31) {
                continue;
            }
            String value = m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5) + m.group(6) + m.group(7) + m.group(8);
            Confidence c = scan.near(Keywords.DRIVING_LICENCE, m.start(), m.end()) ? Confidence.HIGH : Confidence.MEDIUM;
            found.add(new Hit(FindingType.UK_DRIVING_LICENCE, value, c, m.start(), m.end()));
        }
    }

    static String mask(String value) {
        return value.charAt(0) + TextNormalizer.bullets(13) + value.substring(14);
    }

    /**
     * Where a licence number holding this word, which has the six date digits in a row, would
     * start: the word itself ("MORGA753116SM9IJ"), or the surname part before it ("MORGA 753116 SM9IJ").
     */
    private static int start(String text, int wordStart) {
        if (Chars.isUpper(text.charAt(wordStart))) {
            return wordStart;
        }
        if (Chars.at(text, wordStart - 1) != ' ') {
            return -1;
        }
        int s = wordStart - 1;
        while (s > 0 && (Chars.isUpper(text.charAt(s - 1)) || text.charAt(s - 1) == '9')) {
            s--;
        }
        return s < wordStart - 1 && Chars.isUpper(text.charAt(s)) ? s : -1;
    }
}
