package org.mailgate.classifier;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
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
     * Stretches of text that could hold a UK phone number: +44, 0044 or a leading 0, then digits
     * with the usual separators. libphonenumber's search is slow over long text, so each
     * stretch is parsed on its own.
     */
    private static final Pattern CANDIDATE = Pattern.compile("(?:\\+\\s?44|0044|\\(?0)[\\d ()\\-.]{7,20}\\d");
    private static final int MARGIN = 4;

    @Override
    public void detect(Scan scan, List<Hit> found) {
        Matcher c = CANDIDATE.matcher(scan.text);
        while (c.find()) {
            PhoneNumber number = parseValid(c.group());
            if (number != null) {
                add(scan, found, number, c.start(), c.end());
            } else {
                // Several numbers run together, or text libphonenumber reads differently: let its
                // own (slower) search look at this stretch with a little margin either side.
                int from = Math.max(0, c.start() - MARGIN);
                int to = Math.min(scan.text.length(), c.end() + MARGIN);
                for (PhoneNumberMatch pm : util.findNumbers(scan.text.substring(from, to), "GB",
                        PhoneNumberUtil.Leniency.VALID, 100)) {
                    if (pm.number().getCountryCode() == 44) {
                        add(scan, found, pm.number(), pm.start() + from, pm.end() + from);
                    }
                }
            }
        }
    }

    /** The number if the whole candidate is one valid UK number (the common case, and fast). */
    private PhoneNumber parseValid(String candidate) {
        try {
            PhoneNumber n = util.parse(candidate, "GB");
            return n.getCountryCode() == 44 && util.isValidNumber(n) ? n : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static void add(Scan scan, List<Hit> found, PhoneNumber number, int start, int end) {
        String national = Long.toString(number.getNationalNumber());
        Confidence c = scan.near(Keywords.PERSONAL_PHONE, start, end) ? Confidence.MEDIUM : Confidence.LOW;
        found.add(new Hit(FindingType.UK_PHONE, "+44" + national, c,
                "+44 " + TextNormalizer.bullets(Math.max(0, national.length() - 3)) + national.substring(Math.max(0, national.length() - 3)),
                start, end));
    }
}
