package org.mailgate.classifier;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validity of +44 numbers (GB, and Guernsey, Isle of Man and Jersey which share the code), by
 * libphonenumber's own metadata and rule: a number is valid when it fits the region's general
 * description and one of its number types. {@link PhoneNumberUtil#isValidNumber} applies the
 * same rule but tries every type in a fixed order, each with a fresh regex matcher, which made
 * it the largest cost of a text scan; here the common types come first and a valid number
 * usually costs two matches. Immutable and thread-safe; the matchers live in a {@link Checker},
 * one per thread at a time.
 */
final class UkNumberPlan {
    /** A number type; {@code pattern} indexes {@link #patterns} (-1 if the type has none). */
    private record Desc(int lengths, int pattern) {
        /** As PhoneNumberUtil.isNumberMatchingDesc: a possible length, and the whole number fits the pattern. */
        boolean matches(String nsn, Checker checker) {
            return (lengths & (nsn.length() < 32 ? 1 << nsn.length() : 0)) != 0 && pattern >= 0
                    && checker.matcher(pattern, nsn).matches();
        }
    }

    private record Region(int leadingDigits, Desc general, List<Desc> types) {
        boolean valid(String nsn, Checker checker) {
            for (Desc t : types) {
                if (t.matches(nsn, checker)) {
                    return general.matches(nsn, checker);
                }
            }
            return false;
        }
    }

    private final List<Pattern> patterns = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();

    UkNumberPlan(PhoneNumberUtil util) {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (String code : util.getRegionCodesForCountryCode(44)) {
            regions.add(region(source.getMetadataForRegion(code)));
        }
    }

    private Region region(PhoneMetadata m) {
        // the types most numbers are, first; the order does not change the answer
        List<Desc> types = new ArrayList<>();
        for (PhoneNumberDesc d : List.of(m.getFixedLine(), m.getMobile(), m.getTollFree(), m.getPremiumRate(),
                m.getSharedCost(), m.getPersonalNumber(), m.getVoip(), m.getPager(), m.getUan(), m.getVoicemail())) {
            types.add(desc(d));
        }
        int leading = m.hasLeadingDigits() ? pattern(m.getLeadingDigits()) : -1;
        return new Region(leading, desc(m.getGeneralDesc()), List.copyOf(types));
    }

    private Desc desc(PhoneNumberDesc d) {
        int lengths = 0;
        for (int length : d.getPossibleLengthList()) {
            lengths |= length > 0 && length < 32 ? 1 << length : 0;
        }
        boolean anyLength = d.getPossibleLengthCount() == 0;
        String p = d.getNationalNumberPattern();
        return new Desc(anyLength ? -1 : lengths, p.isEmpty() ? -1 : pattern(p));
    }

    private int pattern(String regex) {
        patterns.add(Pattern.compile(regex));
        return patterns.size() - 1;
    }

    /** Validity checks for one thread: a valid number needs three matches, and a matcher for these patterns is costly to create. */
    Checker checker() {
        return new Checker();
    }

    final class Checker {
        private final Matcher[] matchers = new Matcher[patterns.size()];

        private Matcher matcher(int pattern, String input) {
            Matcher m = matchers[pattern];
            if (m == null) {
                m = patterns.get(pattern).matcher(input);
                matchers[pattern] = m;
                return m;
            }
            return m.reset(input);
        }

        /** Same answer as {@code util.isValidNumber(number)} for a number with country code 44. */
        boolean isValid(PhoneNumber number) {
            String nsn = Long.toString(number.getNationalNumber());
            // As PhoneNumberUtil.getRegionCodeForNumberFromRegionList: the first region whose leading
            // digits match, or (without leading digits) whose types fit, decides.
            for (Region r : regions) {
                if (r.leadingDigits() >= 0) {
                    if (matcher(r.leadingDigits(), nsn).lookingAt()) {
                        return r.valid(nsn, this);
                    }
                } else if (r.valid(nsn, this)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Same answer as {@code util.isValidNumber(number)} for a number with country code 44. */
    boolean isValid(PhoneNumber number) {
        return checker().isValid(number);
    }
}
