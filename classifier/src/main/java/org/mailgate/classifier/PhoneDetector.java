package org.mailgate.classifier;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * UK phone numbers, found and validated by libphonenumber (region GB). Office numbers in
 * signatures are everywhere, so a phone number is LOW unless it is labelled as personal.
 */
final class PhoneDetector implements Detector {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    @Override
    public void detect(Scan scan, List<Hit> found) {
        for (PhoneNumberMatch m : util.findNumbers(scan.text, "GB", PhoneNumberUtil.Leniency.VALID, 10_000)) {
            if (m.number().getCountryCode() != 44) {
                continue;
            }
            String national = Long.toString(m.number().getNationalNumber());
            Confidence c = scan.near(Keywords.PERSONAL_PHONE, m.start(), m.end()) ? Confidence.MEDIUM : Confidence.LOW;
            found.add(new Hit(FindingType.UK_PHONE, "+44" + national, c,
                    "+44 " + TextNormalizer.bullets(Math.max(0, national.length() - 3)) + national.substring(Math.max(0, national.length() - 3)),
                    m.start(), m.end()));
        }
    }
}
