package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Pattern;

/**
 * NHS number: ten digits (3-3-4 or plain) whose tenth digit is the modulus-11 check of the first
 * nine. About one random ten-digit number in eleven passes the check, so without health context
 * a match is only LOW; a leading zero is a phone number.
 */
final class NhsNumberDetector implements Detector {
    /** The shape, as a specification: {@link #endOfMatchAt} checks it by hand, and {@code ShapeChecksTest} compares the two. */
    static final Pattern NHS = Pattern.compile(
            "(?<![A-Za-z0-9+-])(\\d{3})([ -]?)(\\d{3})\\2(\\d{4})(?![A-Za-z0-9]|[- ]\\d)");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        NumericWords words = scan.words();
        int resume = 0; // matches do not overlap, as with Matcher.find
        for (int w = 0; w < words.count(); w++) {
            // the first word is "943" of "943 476 5919" or all of "9434765919"
            int start = words.start(w);
            int length = words.end(w) - start;
            if ((length == 3 || length == 10) && start >= resume && Chars.isDigit(scan.text.charAt(start))) {
                int end = endOfMatchAt(scan.text, start);
                if (end >= 0) {
                    report(scan, found, start, end);
                    resume = end;
                }
            }
        }
    }

    /** {@link #NHS} matched at {@code start}: the end of the match, or -1. The shape has no backtracking to do. */
    static int endOfMatchAt(String t, int start) {
        int n = t.length();
        if (start > 0) {
            char before = t.charAt(start - 1);
            if (Chars.isAlnum(before) || before == '+' || before == '-') {
                return -1;
            }
        }
        if (!digits(t, start, 3)) {
            return -1;
        }
        int i = start + 3;
        char separator = i < n && (t.charAt(i) == ' ' || t.charAt(i) == '-') ? t.charAt(i) : 0;
        if (separator != 0) {
            i++;
        }
        if (!digits(t, i, 3)) {
            return -1;
        }
        i += 3;
        if (separator != 0) {
            if (i >= n || t.charAt(i) != separator) {
                return -1;
            }
            i++;
        }
        if (!digits(t, i, 4)) {
            return -1;
        }
        i += 4;
        if (i < n) {
            char after = t.charAt(i);
            if (Chars.isAlnum(after) || (after == '-' || after == ' ') && i + 1 < n && Chars.isDigit(t.charAt(i + 1))) {
                return -1;
            }
        }
        return i;
    }

    private static boolean digits(String t, int from, int count) {
        if (from + count > t.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!Chars.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void report(Scan scan, List<Hit> found, int start, int end) {
        // the ten digits, before any string is made: most candidates fail the check
        String text = scan.text;
        char[] ten = new char[10];
        int sum = 0;
        int counted = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Chars.isDigit(c)) {
                if (counted < 9) {
                    sum += (c - '0') * (10 - counted);
                }
                ten[counted++] = c;
            }
        }
        int expected = (11 - sum % 11) % 11;
        if (expected != ten[9] - '0' || ten[0] == '0') {
            return;
        }
        String digits = new String(ten);
        if (!valid(digits)) {
            return;
        }
        Confidence c;
        if (scan.near(Keywords.NHS, start, end)) {
            c = Confidence.HIGH;
        } else if (scan.before(Keywords.BUSINESS_REFERENCE, start, 40)) {
            return;
        } else {
            c = Confidence.LOW;
        }
        found.add(new Hit(FindingType.UK_NHS_NUMBER, digits, c, start, end));
    }

    static String mask(String digits) {
        return "\u2022\u2022\u2022 \u2022\u2022\u2022 \u2022\u2022" + digits.substring(8);
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
