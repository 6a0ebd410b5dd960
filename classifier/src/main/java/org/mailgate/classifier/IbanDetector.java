package org.mailgate.classifier;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBAN: country code, two check digits, BBAN, validated by the ISO 13616 mod-97 check. Whose it
 * is decides the confidence ({@link Subjects}): a person's (a payment to or from them, or named in
 * the sentence) is HIGH, a business's own (invoice, remittance, Ltd) LOW, anything else MEDIUM.
 */
final class IbanDetector implements Detector {
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Z]{2}\\d{2}(?: ?[A-Z0-9]){10,32})");
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("GB", 22), Map.entry("IE", 22), Map.entry("DE", 22), Map.entry("FR", 27), Map.entry("ES", 24),
            Map.entry("IT", 27), Map.entry("NL", 18), Map.entry("BE", 16), Map.entry("CH", 21), Map.entry("AT", 20),
            Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("SE", 24), Map.entry("NO", 15), Map.entry("DK", 18),
            Map.entry("FI", 18), Map.entry("LU", 20), Map.entry("GI", 23), Map.entry("GR", 27), Map.entry("CY", 28),
            Map.entry("MT", 31), Map.entry("CZ", 24), Map.entry("HU", 28), Map.entry("RO", 24), Map.entry("IS", 26));

    @Override
    public void detect(Scan scan, List<Hit> found) {
        String text = scan.text;
        NumericWords words = scan.words();
        AnchoredMatcher candidate = scan.anchored(CANDIDATE);
        for (int w = 0; w < words.count(); w++) {
            int s = words.start(w);
            // "GB82", or all of "GB82WEST12345698765432"
            if (!(Chars.isUpper(text.charAt(s)) && Chars.isUpper(Chars.at(text, s + 1)) && Chars.isDigit(Chars.at(text, s + 2))
                    && Chars.isDigit(Chars.at(text, s + 3))) || !candidate.matchesAt(s)) {
                continue;
            }
            Matcher m = candidate.match();
            String compact = m.group(1).replace(" ", "");
            String iban = iban(compact);
            if (iban == null) {
                continue;
            }
            Subjects.Judgement about = Subjects.of(text, m.start(), m.end());
            Confidence c = switch (about.kind()) {
                case PERSON -> Confidence.HIGH;
                case BUSINESS -> Confidence.LOW;
                case UNKNOWN -> Confidence.MEDIUM;
            };
            found.add(new Hit(FindingType.IBAN, iban, c, m.start(), m.end(), "valid IBAN, " + about.rule()));
        }
    }

    static String mask(String iban) {
        return iban.substring(0, 2) + "\u2022\u2022 \u2022\u2022\u2022\u2022 \u2026 " + iban.substring(iban.length() - 4);
    }

    /** The valid IBAN at the start of {@code compact} (which may run into following text), or null. */
    static String iban(String compact) {
        Integer len = LENGTHS.get(compact.substring(0, 2));
        if (len != null) {
            return compact.length() >= len && valid(compact.substring(0, len)) ? compact.substring(0, len) : null;
        }
        for (int l = Math.min(34, compact.length()); l >= 15; l--) {
            if (valid(compact.substring(0, l))) {
                return compact.substring(0, l);
            }
        }
        return null;
    }

    static boolean valid(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder n = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            if (Character.isDigit(c)) {
                n.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                n.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(n.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
