package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card number (PAN): 13-19 digits, optionally grouped with spaces or dashes, Luhn-valid
 * and inside a known issuer range. One random number in ten passes Luhn, so the issuer check and
 * the grouping check matter; a number labelled as an order or invoice number is only LOW.
 */
final class PaymentCardDetector implements Detector {
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9+-])(\\d(?:[ -]?\\d){12,18})(?![A-Za-z0-9]|[- ]\\d)");
    private static final int MIN_DIGITS = 13;

    @Override
    public void detect(Scan scan, List<Hit> found) {
        NumericWords words = scan.words();
        AnchoredMatcher card = scan.anchored(CANDIDATE);
        for (int w = 0; w < words.count(); w++) {
            if (words.leadingDigits(w) > 0 && digitsFrom(words, w) >= MIN_DIGITS && card.matchesAt(words.start(w))) {
                report(scan, found, card.match());
            }
        }
    }

    /**
     * The digits in the run of digits, single spaces and dashes that starts with word {@code w}:
     * its leading digits, and while a word is all digits and joined to the next, the next word's.
     */
    private static int digitsFrom(NumericWords words, int w) {
        int digits = words.leadingDigits(w);
        for (int x = w; words.allDigits(x) && words.joinedToNext(x); x++) {
            digits += words.leadingDigits(x + 1);
        }
        return digits;
    }

    private static void report(Scan scan, List<Hit> found, Matcher m) {
        String raw = m.group(1);
        String digits = TextNormalizer.digits(raw);
        if (!groupingOk(raw) || !luhn(digits) || issuer(digits) == null || TextNormalizer.allSame(digits.substring(1))) {
            return;
        }
        Confidence c = Confidence.MEDIUM;
        if (scan.near(Keywords.CARD, m.start(), m.end())) {
            c = Confidence.HIGH;
        } else if (scan.before(Keywords.BUSINESS_REFERENCE, m.start(), 40)) {
            c = Confidence.LOW;
        }
        found.add(new Hit(FindingType.PAYMENT_CARD, digits, c, m.start(), m.end()));
    }

    static String mask(String digits) {
        return "\u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 " + digits.substring(digits.length() - 4);
    }

    /** Printed PANs are either ungrouped, grouped in fours, or Amex/Diners 4-6-5 / 4-6-4. */
    static boolean groupingOk(String raw) {
        String[] groups = raw.split("[ -]");
        if (groups.length == 1) {
            return true;
        }
        if (groups.length == 3 && groups[0].length() == 4 && groups[1].length() == 6
                && (groups[2].length() == 5 || groups[2].length() == 4)) {
            return true;
        }
        for (int i = 0; i < groups.length - 1; i++) {
            if (groups[i].length() != 4) {
                return false;
            }
        }
        return !groups[groups.length - 1].isEmpty() && groups[groups.length - 1].length() <= 4;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Issuer name for a PAN in a known range with a plausible length, or null. */
    static String issuer(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4' && (len == 13 || len == 16 || len == 19)) {
            return "visa";
        }
        if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len == 16) {
            return "mastercard";
        }
        if ((p2 == 34 || p2 == 37) && len == 15) {
            return "amex";
        }
        if ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) && len >= 16 && len <= 19) {
            return "discover";
        }
        if (p4 >= 3528 && p4 <= 3589 && len >= 16 && len <= 19) {
            return "jcb";
        }
        if (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && len >= 14 && len <= 16) {
            return "diners";
        }
        if ((p2 == 50 || (p2 >= 56 && p2 <= 69)) && len >= 13 && len <= 19) {
            return "maestro";
        }
        if (p2 == 62 && len >= 16 && len <= 19) {
            return "unionpay";
        }
        return null;
    }
}
