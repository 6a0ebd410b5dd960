package org.mailgate.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK sort code (nn-nn-nn) with an 8-digit account number nearby. A bare nn-nn-nn is far more
 * often a date (12-05-24), so banking keywords are required for anything above LOW.
 */
final class BankAccountDetector implements Detector {
    private static final Pattern SORT_CODE = Pattern.compile(
            "(?<![A-Za-z0-9-])(\\d{2})-(\\d{2})-(\\d{2})(?![A-Za-z0-9]|-\\d)"
                    + "|(?i:sort\\s*code)\\s*[:.]?\\s*(\\d{2})[ ]?(\\d{2})[ ]?(\\d{2})(?![A-Za-z0-9])");
    private static final Pattern ACCOUNT = Pattern.compile("(?<![A-Za-z0-9-])\\d{8}(?![A-Za-z0-9-])");
    private static final int ACCOUNT_DISTANCE = 120;

    @Override
    public void detect(Scan scan, List<Hit> found) {
        Matcher m = SORT_CODE.matcher(scan.text);
        while (m.find()) {
            String sort = m.group(1) != null ? m.group(1) + m.group(2) + m.group(3) : m.group(4) + m.group(5) + m.group(6);
            String account = findAccount(scan.text, m.start(), m.end());
            boolean keywords = scan.near(Keywords.BANK, m.start(), m.end());
            Confidence c;
            if (account != null && keywords) {
                c = Confidence.HIGH;
            } else if (keywords) {
                c = Confidence.MEDIUM;
            } else if (account != null) {
                c = Confidence.LOW;
            } else {
                continue;
            }
            String key = sort + "/" + (account == null ? "" : account);
            String masked = "\u2022\u2022-\u2022\u2022-\u2022\u2022"
                    + (account == null ? "" : " \u2022\u2022\u2022\u2022\u2022\u2022" + account.substring(6));
            found.add(new Hit(FindingType.UK_BANK_ACCOUNT, key, c, masked, m.start(), m.end()));
        }
    }

    private static String findAccount(String text, int start, int end) {
        Matcher a = ACCOUNT.matcher(text);
        a.region(Math.max(0, start - ACCOUNT_DISTANCE), Math.min(text.length(), end + ACCOUNT_DISTANCE));
        a.useTransparentBounds(true);
        while (a.find()) {
            String acct = a.group();
            if (!TextNormalizer.allSame(acct)) {
                return acct;
            }
        }
        return null;
    }
}
