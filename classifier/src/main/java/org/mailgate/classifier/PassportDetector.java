package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK passport number: nine digits with passport-number context. "Passport number:", "passport
 * no." or "Passport:" just before makes it HIGH; "passport" in the same sentence as a person, and
 * no scheme words, MEDIUM. The word in the name of a scheme or product ("Leisure Passport
 * membership 123456789", "Passport to Culture programme") is not passport context.
 */
final class PassportDetector implements Detector {
    private static final Pattern NINE = Pattern.compile("(?<![A-Za-z0-9-])(\\d{9})(?![A-Za-z0-9]|[- ]\\d)");
    /** The label just before the number (the text up to it ends with this). */
    private static final Pattern LABEL = Pattern.compile(
            "(?i)passport[ \\t]*(?:(?:no\\b\\.?|number|num\\b\\.?|#)[ \\t]*(?:is[ \\t]+)?[:.\\-#]?|:|[ \\t]*-)[ \\t]*$");
    private static final Pattern SCHEME = Pattern.compile(
            "(?i)\\b(?:scheme|programme|program|membership|member|card|leisure|culture|reference|ref|code|voucher|product"
                    + "|course|training|skills|digital|health passport|passport to)\\b");

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
            String before = scan.text.substring(Math.max(0, m.start() - 40), m.start());
            Matcher label = LABEL.matcher(before);
            // "Passport number:" just before, and no scheme word before the label ("Leisure Passport no.")
            if (label.find() && !SCHEME.matcher(before.substring(0, label.start())).find()) {
                found.add(new Hit(FindingType.UK_PASSPORT, d, Confidence.HIGH, m.start(), m.end(), "passport number label just before"));
                continue;
            }
            TextUnits.Unit sentence = TextUnits.sentence(scan.text, m.start(), m.end());
            String s = scan.text.substring(sentence.start(), sentence.end());
            if (s.toLowerCase(java.util.Locale.ROOT).contains("passport") && !SCHEME.matcher(s).find()
                    && People.about(scan.text, sentence, TextUnits.paragraph(scan.text, m.start(), m.end())) != null) {
                found.add(new Hit(FindingType.UK_PASSPORT, d, Confidence.MEDIUM, m.start(), m.end(),
                        "passport and a person in the sentence"));
            }
        }
    }

    static String mask(String number) {
        return TextNormalizer.bullets(7) + number.substring(7);
    }
}
