package org.mailgate.classifier;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK phone numbers, found and validated by libphonenumber (region GB). Office numbers in
 * signatures are everywhere, so a phone number is LOW unless it is labelled as personal.
 */
final class PhoneDetector implements Detector {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * Stretches of text that could hold a phone number (at least nine digits with the usual
     * separators). libphonenumber's own search is slow over long text, so it is run only on
     * these stretches, with a little margin either side.
     */
    private static final Pattern CANDIDATE = Pattern.compile("\\+?\\(?\\d[\\d ()\\-.]{7,20}\\d");
    private static final int MARGIN = 4;

    @Override
    public void detect(Scan scan, List<Hit> found) {
        Matcher c = CANDIDATE.matcher(scan.text);
        int covered = 0;
        while (c.find()) {
            int from = Math.max(covered, c.start() - MARGIN);
            int to = Math.min(scan.text.length(), c.end() + MARGIN);
            if (from < to) {
                detect(scan, from, to, found);
            }
            covered = to;
        }
    }

    private void detect(Scan scan, int from, int to, List<Hit> found) {
        for (PhoneNumberMatch pm : util.findNumbers(scan.text.substring(from, to), "GB", PhoneNumberUtil.Leniency.VALID, 100)) {
            if (pm.number().getCountryCode() != 44) {
                continue;
            }
            Offset m = new Offset(pm.start() + from, pm.end() + from);
            String national = Long.toString(pm.number().getNationalNumber());
            Confidence c = scan.near(Keywords.PERSONAL_PHONE, m.start(), m.end()) ? Confidence.MEDIUM : Confidence.LOW;
            found.add(new Hit(FindingType.UK_PHONE, "+44" + national, c,
                    "+44 " + TextNormalizer.bullets(Math.max(0, national.length() - 3)) + national.substring(Math.max(0, national.length() - 3)),
                    m.start(), m.end()));
        }
    }

    private record Offset(int start, int end) {
    }
}
