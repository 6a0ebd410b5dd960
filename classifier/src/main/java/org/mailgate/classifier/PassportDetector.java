package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** UK passport number: nine digits, reported only near the word "passport" (nine digits alone mean nothing). */
final class PassportDetector implements Detector {
    private static final Pattern NINE = Pattern.compile("(?<![A-Za-z0-9-])(\\d{9})(?![A-Za-z0-9]|[- ]\\d)");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        if (!scan.mentions(Keywords.PASSPORT)) {
            return; // a passport number is only reported near the word
        }
        NumericWords words = scan.words();
        AnchoredMatcher nine = scan.anchored(NINE);
        for (int w = 0; w < words.count(); w++) {
            if (words.end(w) - words.start(w) != 9 || !nine.matchesAt(words.start(w))) {
                continue;
            }
            Matcher m = nine.match();
            String d = m.group(1);
            if (TextNormalizer.allSame(d) || TextNormalizer.sequential(d) || !scan.near(Keywords.PASSPORT, m.start(), m.end())) {
                continue;
            }
            Confidence c = scan.before(Keywords.PASSPORT, m.start(), 60) ? Confidence.HIGH : Confidence.MEDIUM;
            found.add(new Hit(FindingType.UK_PASSPORT, d, c, m.start(), m.end()));
        }
    }

    static String mask(String number) {
        return TextNormalizer.bullets(7) + number.substring(7);
    }
}
