package org.mailgate.classifier;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;
import java.util.ArrayList;
import java.util.List;

/**
 * Validity of +44 numbers (GB, and Guernsey, Isle of Man and Jersey which share the code), by
 * libphonenumber's own metadata and rule: a number is valid when it fits the region's general
 * description and one of its number types. {@link PhoneNumberUtil#isValidNumber} applies the
 * same rule with backtracking regex matches (a dozen per number, through the UK's long
 * fixed-line pattern), which made it the largest cost of a text scan. Here every pattern is
 * compiled once to a deterministic automaton (dk.brics.automaton) and a check costs a few table
 * steps per digit. The patterns use only digits, classes, groups, alternation and counts, which
 * mean the same to both engines; a test compares the answers with libphonenumber's. Immutable
 * and thread-safe.
 */
final class UkNumberPlan {
    /**
     * A pattern's automaton over the ten digits alone: the next state of (state, digit) at
     * state * 10 + digit, -1 for none. brics's own step searches its char intervals each time.
     */
    private record DigitAutomaton(int initial, int[] next, boolean[] accept) {
        static DigitAutomaton of(RunAutomaton a) {
            int[] next = new int[a.getSize() * 10];
            boolean[] accept = new boolean[a.getSize()];
            for (int s = 0; s < a.getSize(); s++) {
                accept[s] = a.isAccept(s);
                for (int d = 0; d < 10; d++) {
                    next[s * 10 + d] = a.step(s, (char) ('0' + d));
                }
            }
            return new DigitAutomaton(a.getInitialState(), next, accept);
        }
    }

    /** A number type: its possible lengths as bits, and its pattern (null if it has none). */
    private record Desc(int lengths, DigitAutomaton pattern) {
        /** As PhoneNumberUtil.isNumberMatchingDesc: a possible length, and the whole number fits the pattern. */
        boolean matches(byte[] nsn, int length) {
            return (lengths & (length < 32 ? 1 << length : 0)) != 0 && pattern != null && whole(pattern, nsn, length);
        }
    }

    private record Region(DigitAutomaton leadingDigits, Desc general, List<Desc> types) {
        boolean valid(byte[] nsn, int length) {
            for (Desc t : types) {
                if (t.matches(nsn, length)) {
                    return general.matches(nsn, length);
                }
            }
            return false;
        }
    }

    private final List<Region> regions = new ArrayList<>();

    UkNumberPlan(PhoneNumberUtil util) {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (String code : util.getRegionCodesForCountryCode(44)) {
            regions.add(region(source.getMetadataForRegion(code)));
        }
    }

    private static Region region(PhoneMetadata m) {
        // the types most numbers are, first; the order does not change the answer
        List<Desc> types = new ArrayList<>();
        for (PhoneNumberDesc d : List.of(m.getFixedLine(), m.getMobile(), m.getTollFree(), m.getPremiumRate(),
                m.getSharedCost(), m.getPersonalNumber(), m.getVoip(), m.getPager(), m.getUan(), m.getVoicemail())) {
            types.add(desc(d));
        }
        DigitAutomaton leading = m.hasLeadingDigits() ? DigitAutomaton.of(automaton(m.getLeadingDigits())) : null;
        return new Region(leading, desc(m.getGeneralDesc()), List.copyOf(types));
    }

    private static Desc desc(PhoneNumberDesc d) {
        int lengths = 0;
        for (int length : d.getPossibleLengthList()) {
            lengths |= length > 0 && length < 32 ? 1 << length : 0;
        }
        boolean anyLength = d.getPossibleLengthCount() == 0;
        String p = d.getNationalNumberPattern();
        return new Desc(anyLength ? -1 : lengths, p.isEmpty() ? null : DigitAutomaton.of(automaton(p)));
    }

    /** libphonenumber's regex syntax ({@code (?:}, {@code \d}) in brics's, with its extensions off. */
    static RunAutomaton automaton(String regex) {
        if (!regex.matches("[0-9\\\\d\\[\\]\\-(?:|){},]*")) {
            throw new IllegalArgumentException("unexpected syntax in a libphonenumber pattern: " + regex);
        }
        String brics = regex.replace("(?:", "(").replace("\\d", "[0-9]");
        return new RunAutomaton(new RegExp(brics, RegExp.NONE).toAutomaton());
    }

    /** {@code s}: the digits as 0-9. */
    private static boolean whole(DigitAutomaton a, byte[] s, int length) {
        int state = a.initial();
        for (int i = 0; i < length && state >= 0; i++) {
            state = a.next()[state * 10 + s[i]];
        }
        return state >= 0 && a.accept()[state];
    }

    /** As Matcher.lookingAt: some prefix of the number fits. */
    private static boolean prefix(DigitAutomaton a, byte[] s, int length) {
        int state = a.initial();
        for (int i = 0; i < length && state >= 0; i++) {
            if (a.accept()[state]) {
                return true;
            }
            state = a.next()[state * 10 + s[i]];
        }
        return state >= 0 && a.accept()[state];
    }

    /** Same answer as {@code util.isValidNumber(number)} for a number with country code 44. */
    boolean isValid(PhoneNumber number) {
        long national = number.getNationalNumber();
        byte[] nsn = new byte[20];
        int length = 0;
        for (long v = national; v > 0 || length == 0; v /= 10) {
            nsn[length++] = (byte) (v % 10);
        }
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            byte t = nsn[i];
            nsn[i] = nsn[j];
            nsn[j] = t;
        }
        // As PhoneNumberUtil.getRegionCodeForNumberFromRegionList: the first region whose leading
        // digits match, or (without leading digits) whose types fit, decides.
        for (Region r : regions) {
            if (r.leadingDigits() != null) {
                if (prefix(r.leadingDigits(), nsn, length)) {
                    return r.valid(nsn, length);
                }
            } else if (r.valid(nsn, length)) {
                return true;
            }
        }
        return false;
    }
}
