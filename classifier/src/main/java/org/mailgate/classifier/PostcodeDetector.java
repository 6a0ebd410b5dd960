package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK postcode in the Royal Mail format (outward code, space, inward code; letters restricted by
 * position). Postcodes are in every signature, so alone they only ever make a message LOW; an
 * organisation's own address (a council signature, a supplier's letterhead) stays LOW however
 * many address words surround it, so that it does not count towards a profile of a person.
 */
final class PostcodeDetector implements Detector {
    private static final Pattern POSTCODE = Pattern.compile(
            "(?<![A-Za-z0-9])(GIR ?0AA|[A-PR-UWYZ](?:\\d{1,2}|[A-HK-Y]\\d{1,2}|\\d[A-HJKPSTUW]|[A-HK-Y]\\d[ABEHMNPRV-Y]))( ?)(\\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        String text = scan.text;
        NumericWords words = scan.words();
        AnchoredMatcher postcode = scan.anchored(POSTCODE);
        for (int w = 0; w < words.count(); w++) {
            // the outward code always holds a digit ("SW1A", "M1"); "GIR 0AA" is the one exception
            int s = words.start(w);
            if (s >= 4 && text.startsWith("GIR ", s - 4)) {
                s -= 4;
            }
            if (!Chars.isUpper(text.charAt(s)) || !postcode.matchesAt(s)) {
                continue;
            }
            Matcher m = postcode.match();
            Confidence c = m.group(2).isEmpty() ? Confidence.LOW : Confidence.MEDIUM;
            if (scan.near(Keywords.ADDRESS, m.start(), m.end())) {
                c = c.raise();
            }
            String rule = null;
            if (c != Confidence.LOW) {
                Subjects.Judgement about = Subjects.of(text, m.start(), m.end());
                if (about.kind() == Subjects.Kind.BUSINESS) {
                    c = Confidence.LOW;
                    rule = "postcode, " + about.rule();
                }
            }
            String key = m.group(1) + " " + m.group(3);
            found.add(rule == null ? new Hit(FindingType.UK_POSTCODE, key, c, m.start(), m.end())
                    : new Hit(FindingType.UK_POSTCODE, key, c, m.start(), m.end(), rule));
        }
    }

    /** The outward code of "SW1A 1AA" and bullets for the inward code. */
    static String mask(String postcode) {
        return postcode.substring(0, postcode.indexOf(' ')) + " \u2022\u2022\u2022";
    }
}
