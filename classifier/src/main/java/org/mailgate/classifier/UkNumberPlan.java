package org.mailgate.classifier;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validity of +44 numbers (GB, and Guernsey, Isle of Man and Jersey which share the code), by
 * libphonenumber's own metadata and rule: a number is valid when it fits the region's general
 * description and one of its number types. {@link PhoneNumberUtil#isValidNumber} applies the
 * same rule but tries every type in a fixed order, each with a fresh regex matcher, which made
 * it the largest cost of a text scan; here the common types come first and a valid number
 * usually costs two matches. Immutable and thread-safe.
 */
final class UkNumberPlan {
    private record Desc(int lengths, Pattern pattern) {
        static Desc of(PhoneNumberDesc d) {
            int lengths = 0;
            for (int length : d.getPossibleLengthList()) {
                lengths |= length > 0 && length < 32 ? 1 << length : 0;
            }
            boolean anyLength = d.getPossibleLengthCount() == 0;
            String p = d.getNationalNumberPattern();
            return new Desc(anyLength ? -1 : lengths, p.isEmpty() ? null : Pattern.compile(p));
        }

        /** As PhoneNumberUtil.isNumberMatchingDesc: a possible length, and the whole number fits the pattern. */
        boolean matches(String nsn) {
            return (lengths & (nsn.length() < 32 ? 1 << nsn.length() : 0)) != 0 && pattern != null
                    && pattern.matcher(nsn).matches();
        }
    }

    private record Region(Pattern leadingDigits, Desc general, List<Desc> types) {
        static Region of(PhoneMetadata m) {
            // the types most numbers are, first; the order does not change the answer
            List<Desc> types = new ArrayList<>();
            for (PhoneNumberDesc d : List.of(m.getFixedLine(), m.getMobile(), m.getTollFree(), m.getPremiumRate(),
                    m.getSharedCost(), m.getPersonalNumber(), m.getVoip(), m.getPager(), m.getUan(), m.getVoicemail())) {
                types.add(Desc.of(d));
            }
            Pattern leading = m.hasLeadingDigits() ? Pattern.compile(m.getLeadingDigits()) : null;
            return new Region(leading, Desc.of(m.getGeneralDesc()), List.copyOf(types));
        }

        boolean valid(String nsn) {
            for (Desc t : types) {
                if (t.matches(nsn)) {
                    return general.matches(nsn);
                }
            }
            return false;
        }
    }

    private final List<Region> regions = new ArrayList<>();

    UkNumberPlan(PhoneNumberUtil util) {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (String code : util.getRegionCodesForCountryCode(44)) {
            regions.add(Region.of(source.getMetadataForRegion(code)));
        }
    }

    /** Same answer as {@code util.isValidNumber(number)} for a number with country code 44. */
    boolean isValid(PhoneNumber number) {
        String nsn = Long.toString(number.getNationalNumber());
        // As PhoneNumberUtil.getRegionCodeForNumberFromRegionList: the first region whose leading
        // digits match, or (without leading digits) whose types fit, decides.
        for (Region r : regions) {
            if (r.leadingDigits() != null) {
                if (r.leadingDigits().matcher(nsn).lookingAt()) {
                    return r.valid(nsn);
                }
            } else if (r.valid(nsn)) {
                return true;
            }
        }
        return false;
    }
}
