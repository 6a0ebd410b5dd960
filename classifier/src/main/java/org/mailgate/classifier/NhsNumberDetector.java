package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NHS number: ten digits (3-3-4 or plain) whose tenth digit is the modulus-11 check of the first
 * nine. About one random ten-digit number in eleven passes the check, so without health context
 * a match is only LOW; a leading zero is a phone number.
 */
final class NhsNumberDetector implements Detector {
    private static final Pattern NHS = Pattern.compile(
            "(?<![A-Za-z0-9+-])(\\d{3})([ -]?)(\\d{3})\\2(\\d{4})(?![A-Za-z0-9]|[- ]\\d)");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        NumericWords words = scan.words();
        AnchoredMatcher nhs = scan.anchored(NHS);
        for (int w = 0; w < words.count(); w++) {
            // the first word is "943" of "943 476 5919" or all of "9434765919"
            int start = words.start(w);
            int length = words.end(w) - start;
            if ((length == 3 || length == 10) && Chars.isDigit(scan.text.charAt(start)) && nhs.matchesAt(start)) {
                report(scan, found, nhs.match());
            }
        }
    }

    private static void report(Scan scan, List<Hit> found, Matcher m) {
        String digits = m.group(1) + m.group(3) + m.group(4);
        if (!valid(digits) || digits.charAt(0) == '0') {
            return;
        }
        Confidence c;
        if (scan.near(Keywords.NHS, m.start(), m.end())) {
            c = Confidence.HIGH;
        } else if (scan.before(Keywords.BUSINESS_REFERENCE, m.start(), 40)) {
            return;
        } else {
            c = Confidence.LOW;
        }
        found.add(new Hit(FindingType.UK_NHS_NUMBER, digits, c,
                "\u2022\u2022\u2022 \u2022\u2022\u2022 \u2022\u2022" + digits.substring(8), m.start(), m.end()));
    }

    static boolean valid(String digits) {
        if (digits.length() != 10 || TextNormalizer.allSame(digits) || TextNormalizer.sequential(digits)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }
}
