package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK sort code (nn-nn-nn) with an 8-digit account number nearby. A bare nn-nn-nn is far more
 * often a date (12-05-24), so banking keywords or a person are required for anything above LOW.
 * A business's own details (a supplier on its invoice or remittance) are LOW; a person's account
 * with a number is HIGH ({@link Subjects}).
 */
final class BankAccountDetector implements Detector {
    private static final Pattern SORT_CODE = Pattern.compile(
            "(?<![A-Za-z0-9-])(\\d{2})-(\\d{2})-(\\d{2})(?![A-Za-z0-9]|-\\d)"
                    + "|(?i:sort\\s*code)\\s*[:.]?\\s*(\\d{2})[ ]?(\\d{2})[ ]?(\\d{2})(?![A-Za-z0-9])");
    private static final int ACCOUNT_LENGTH = 8;
    private static final int ACCOUNT_DISTANCE = 120;

    @Override
    public void detect(Scan scan, List<Hit> found) {
        String text = scan.text;
        NumericWords words = scan.words();
        KeywordIndex keywords = scan.keywords();
        AnchoredMatcher sortCode = scan.anchored(SORT_CODE);
        // Candidates in text order: "20" of "20-45-77", and each "sort code" label.
        int label = 0;
        for (int w = 0; w <= words.count(); w++) {
            int start = w < words.count() ? words.start(w) : Integer.MAX_VALUE;
            for (; label < keywords.count(Keywords.SORT_CODE_LABEL) && keywords.start(Keywords.SORT_CODE_LABEL, label) < start; label++) {
                if (sortCode.matchesAt(keywords.start(Keywords.SORT_CODE_LABEL, label))) {
                    report(scan, found, sortCode.match());
                }
            }
            if (w < words.count() && words.end(w) - start == 2 && Chars.at(text, start + 2) == '-' && sortCode.matchesAt(start)) {
                report(scan, found, sortCode.match());
            }
        }
    }

    private static void report(Scan scan, List<Hit> found, Matcher m) {
        String sort = m.group(1) != null ? m.group(1) + m.group(2) + m.group(3) : m.group(4) + m.group(5) + m.group(6);
        String account = findAccount(scan, m.start(), m.end());
        boolean keywords = scan.near(Keywords.BANK, m.start(), m.end());
        if (account == null && !keywords) {
            return;
        }
        Subjects.Judgement about = Subjects.of(scan.text, m.start(), m.end());
        Confidence c;
        String rule;
        if (about.kind() == Subjects.Kind.BUSINESS) {
            c = Confidence.LOW;
            rule = "sort code, " + about.rule();
        } else if (account != null && (keywords || about.kind() == Subjects.Kind.PERSON)) {
            c = Confidence.HIGH;
            rule = "sort code and account" + (keywords ? " with banking words" : "") + ", " + about.rule();
        } else if (keywords) {
            c = Confidence.MEDIUM;
            rule = "sort code with banking words, no account number";
        } else {
            c = Confidence.LOW;
            rule = "sort code and account without banking words";
        }
        String key = sort + "/" + (account == null ? "" : account);
        found.add(new Hit(FindingType.UK_BANK_ACCOUNT, key, c, m.start(), m.end(), rule));
    }

    /** "••-••-•• ••••••78" from the key "204577/12345678" ("••-••-••" without an account). */
    static String mask(String key) {
        String account = key.substring(key.indexOf('/') + 1);
        return "\u2022\u2022-\u2022\u2022-\u2022\u2022"
                + (account.isEmpty() ? "" : " \u2022\u2022\u2022\u2022\u2022\u2022" + account.substring(6));
    }

    /** The first eight-digit number (not joined to others by dashes) near the sort code, or null. */
    private static String findAccount(Scan scan, int start, int end) {
        String text = scan.text;
        NumericWords words = scan.words();
        int to = Math.min(text.length(), end + ACCOUNT_DISTANCE);
        for (int w = words.firstAtOrAfter(Math.max(0, start - ACCOUNT_DISTANCE)); w < words.count() && words.end(w) <= to; w++) {
            int s = words.start(w);
            int e = words.end(w);
            if (e - s == ACCOUNT_LENGTH && allDigits(text, s, e) && Chars.at(text, s - 1) != '-' && Chars.at(text, e) != '-') {
                String account = text.substring(s, e);
                if (!TextNormalizer.allSame(account)) {
                    return account;
                }
            }
        }
        return null;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
