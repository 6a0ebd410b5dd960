package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written shape checks (each detector's {@code endOfMatchAt}) against the regexes they stand for: at
 * every position of many random texts made of the characters that matter, the check reports a
 * match exactly where the regex (anchored there, seeing the whole text) does, with the same end.
 */
class ShapeChecksTest {
    private static final String ALPHABET = "0123456789012345678904444 -+().\t\nABCDEGJKNOQTUVZabcdfioqz_\u00e9\u212a\u0660";

    @Test
    void ninoCheckAgreesWithItsPattern() {
        agree(NinoDetector.NINO, NinoDetector::endOfMatchAt, List.of("AB123456C", "AB 12 34 56 C", "ab-12-34-56-d",
                "xAB123456C", "AB123456CD", "AB123456E", "DA123456C", "AO123456C", "AB12 3456C", "AB  123456C",
                "AB123456 C1", "AB123456", "AB12345C", "\u212aB123456C", "AB123456c_", "9AB123456C"));
    }

    @Test
    void nhsCheckAgreesWithItsPattern() {
        agree(NhsNumberDetector.NHS, NhsNumberDetector::endOfMatchAt, List.of("943 476 5919", "943-476-5919",
                "9434765919", "943 476-5919", "943 4765919", "+9434765919", "-943 476 5919", "943 476 5919 1",
                "943 476 5919-", "943 476 59190", "943 476 5919-2", "943  476 5919", "a943 476 5919", "943 476 591"));
    }

    @Test
    void phoneCandidateCheckAgreesWithItsPattern() {
        agree(PhoneDetector.CANDIDATE, PhoneDetector::endOfCandidateAt, List.of("01522 123456", "(01522) 123456",
                "+44 1522 123456", "+441522123456", "+ 44 1522 123456", "+\t441522123456", "0044 1522 123456",
                "00441234", "0044123456789", "004412345678901234567890123", "0123456", "01234567", "0 1 2 3 4 5 6 7 8",
                "0...........9", "0(((((((((((((((((((((9", "01234567890123456789012345", "(0", "+44", "0044a12345678"));
    }

    /** A hand-written check of one pattern: where a match starting at {@code start} ends, or -1. */
    interface Shape {
        int endOfMatchAt(String text, int start);
    }

    private static void agree(Pattern pattern, Shape shape, List<String> edges) {
        for (String s : edges) {
            agreeAtEveryPosition(pattern, shape, s);
            agreeAtEveryPosition(pattern, shape, "x " + s + " y");
        }
        Random r = new Random(11);
        for (int k = 0; k < 30_000; k++) {
            StringBuilder b = new StringBuilder();
            int length = r.nextInt(40);
            for (int i = 0; i < length; i++) {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            agreeAtEveryPosition(pattern, shape, b.toString());
        }
    }

    private static void agreeAtEveryPosition(Pattern pattern, Shape shape, String text) {
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        for (int start = 0; start < text.length(); start++) {
            m.region(start, text.length());
            int expected = m.lookingAt() ? m.end() : -1;
            assertThat(shape.endOfMatchAt(text, start)).as("%s at %d of \"%s\"", pattern, start, text).isEqualTo(expected);
        }
    }
}
