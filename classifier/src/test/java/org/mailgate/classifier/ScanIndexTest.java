package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shared per-segment structures the detectors use: candidates, keyword index, anchored matching. */
class ScanIndexTest {

    private static List<String> words(String text) {
        NumericWords w = new NumericWords(TextNormalizer.asciiView(text), text.length());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.count(); i++) {
            out.add(text.substring(w.start(i), w.end(i)));
        }
        return out;
    }

    private static KeywordIndex keywords(String text) {
        byte[] ascii = TextNormalizer.asciiBytes(text);
        return ascii != null ? new KeywordIndex(text, ascii, true) : new KeywordIndex(text, TextNormalizer.asciiView(text), false);
    }

    // ---------------------------------------------------------------- candidates
    @Test
    void candidatesAreWholeWordsHoldingADigit() {
        assertThat(words("NI QQ 12 34 56 C, NHS 943 476 5919, ref AB123456C")).containsExactly(
                "12", "34", "56", "943", "476", "5919", "AB123456C");
        assertThat(words("SW1A 1AA on 14th March")).containsExactly("SW1A", "1AA", "14th");
    }

    @Test
    void candidatesAtTheVeryStartAndEndOfTheText() {
        assertThat(words("9434765919")).containsExactly("9434765919");
        assertThat(words("943 476 5919 and JT445566A")).containsExactly("943", "476", "5919", "JT445566A");
        assertThat(words("")).isEmpty();
        assertThat(words("no numbers here")).isEmpty();
    }

    @Test
    void nonAsciiLettersSeparateCandidatesAsTheDetectorPatternsDo() {
        // [A-Za-z0-9] in the patterns: an accented letter is not part of a candidate
        assertThat(words("Größe12 café9x naïve")).containsExactly("e12", "9x");
        assertThat(words("№42 ４２")).containsExactly("42");
    }

    @Test
    void candidatesAfterSupplementaryCharactersKeepTheirPositions() {
        assertThat(words("\uD83D\uDE00 AB123456C \uD83D\uDE00 943")).containsExactly("AB123456C", "943");
    }

    @Test
    void eightCharsAtATimeDigitSearchFindsTheFirstDigit() {
        Random r = new Random(5);
        String alphabet = "09/:aZ \u0080\u00b0\u00b9\u00ff\u0130\u0660";
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            int length = r.nextInt(30);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = b.toString();
            byte[] latin1 = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            for (int from = 0; from <= s.length(); from++) {
                int expected = -1;
                for (int i = from; i < s.length() && expected < 0; i++) {
                    expected = Chars.isDigit(s.charAt(i)) ? i : -1;
                }
                assertThat(NumericWords.nextDigit(latin1, from, latin1.length)).as("\"%s\" from %d", s, from).isEqualTo(expected);
            }
        }
    }

    // ---------------------------------------------------------------- keyword index
    @Test
    void keywordsAreFoundCaseInsensitivelyWithFlexibleSpacing() {
        KeywordIndex k = keywords("Her NATIONAL\n  Insurance number; sortcode and Sort   Code; self harm");
        assertThat(k.count(Keywords.NINO)).isEqualTo(2); // "national insurance" and "insurance number"
        assertThat(k.count(Keywords.SORT_CODE_LABEL)).isEqualTo(2);
        assertThat(k.mentions(Keywords.MENTAL_HEALTH)).isTrue();
        // "self[- ]harm" allows exactly one space or a hyphen
        assertThat(keywords("self  harm").mentions(Keywords.MENTAL_HEALTH)).isFalse();
        assertThat(keywords("self-harm").mentions(Keywords.MENTAL_HEALTH)).isTrue();
    }

    @Test
    void keywordBoundariesFollowTheWordRules() {
        assertThat(keywords("the NHS.").mentions(Keywords.NHS)).isTrue();
        assertThat(keywords("NHSmail").count(Keywords.NHS)).isZero(); // "<nhs>" needs a boundary after
        assertThat(keywords("towards").mentions(Keywords.NHS)).isTrue(); // "ward" has no boundary, as before
        assertThat(keywords("preference").within(Keywords.BUSINESS_REFERENCE, 0, 10)).isTrue(); // "reference"
        assertThat(keywords("preference").within(Keywords.BUSINESS_REFERENCE, 2, 10)).isFalse();
        assertThat(keywords("refer").within(Keywords.BUSINESS_REFERENCE, 0, 5)).isFalse(); // "<ref>"
        assertThat(keywords("a ref").within(Keywords.BUSINESS_REFERENCE, 2, 5)).isTrue();
        assertThat(keywords("D.O.B: and dob").count(Keywords.DOB)).isEqualTo(2);
        // a letter outside ASCII is a word character for \b
        assertThat(keywords("éNHS").mentions(Keywords.NHS)).isFalse();
        assertThat(keywords("«NHS»").mentions(Keywords.NHS)).isTrue();
    }

    @Test
    void keywordsAtTheStartAndEndOfTheText() {
        KeywordIndex k = keywords("passport");
        assertThat(k.count(Keywords.PASSPORT)).isEqualTo(1);
        assertThat(k.start(Keywords.PASSPORT, 0)).isZero();
        assertThat(k.end(Keywords.PASSPORT, 0)).isEqualTo(8);
        assertThat(k.within(Keywords.PASSPORT, 0, 8)).isTrue();
        assertThat(k.within(Keywords.PASSPORT, 0, 7)).isFalse();
        assertThat(k.within(Keywords.PASSPORT, 1, 8)).isFalse();
        assertThat(k.within(Keywords.PASSPORT, -300, 300)).isTrue();
    }

    @Test
    void keywordExactlyAtTheWindowEdgeCounts() {
        String number = "943 476 5919";
        // "NHS" starts exactly `window` characters before the number: inside the window
        String at = "NHS" + " ".repeat(297) + number;
        String beyond = "NHS" + " ".repeat(298) + number;
        assertThat(detectNhs(at)).extracting(Hit::confidence).containsExactly(Confidence.HIGH);
        assertThat(detectNhs(beyond)).extracting(Hit::confidence).containsExactly(Confidence.LOW);
        // and after the number: the keyword must end within the window
        assertThat(detectNhs(number + " ".repeat(297) + "NHS")).extracting(Hit::confidence).containsExactly(Confidence.HIGH);
        assertThat(detectNhs(number + " ".repeat(298) + "NHS")).extracting(Hit::confidence).containsExactly(Confidence.LOW);
    }

    private static List<Hit> detectNhs(String text) {
        List<Hit> hits = new ArrayList<>();
        new NhsNumberDetector().detect(Scan.of(text, 300), hits);
        return hits;
    }

    /** The keyword regexes the index replaced, kept here as the reference it must agree with. */
    private static final List<Object[]> OLD_KEYWORDS = List.of(
            new Object[] {Keywords.NINO, "national\\s+insurance|\\bni\\s*(?:no|number|num)\\b|\\bnino\\b|\\bnin\\b|insurance\\s+(?:no|number)"},
            new Object[] {Keywords.BANK, "sort\\s*code|account\\s*(?:no|number|num)|\\bbank|\\bbacs\\b|\\ba/c\\b|building\\s+society|\\bacc(?:t)?\\s*(?:no|number)"},
            new Object[] {Keywords.DOB, "date\\s+of\\s+birth|\\bd\\.?o\\.?b\\b|\\bborn\\b|birth\\s*date"},
            new Object[] {Keywords.BUSINESS_REFERENCE, "invoice|order|\\bref\\b|reference|tracking|\\bpo\\b|purchase|ticket|\\bcase\\b"
                    + "|serial|\\bsku\\b|part\\s*no|batch|booking|quote|quotation|customer\\s*(?:no|number|id)|consignment"
                    + "|licence\\s*key|transaction|receipt"},
            new Object[] {Keywords.CARD, "\\bcard|visa|master\\s*card|\\bamex\\b|american\\s+express|maestro|\\bexpir|\\bexp\\b|\\bcvv"
                    + "|\\bcvc|\\bcv2|credit|debit|\\bpan\\b|cardholder"},
            // first words that must be followed by whitespace or a boundary ("on" in "phone" is not "on bail")
            new Object[] {Keywords.CRIMINAL_OFFENCE, "criminal\\s+record|convicted|conviction|arrested|charged\\s+with|\\boffences?\\b"
                    + "|\\boffenders?\\b|probation|custodial\\s+sentence|police\\s+caution|on\\s+bail\\b"},
            new Object[] {Keywords.MENTAL_HEALTH, "mental\\s+health|depression|depressive|anxiety|\\bptsd\\b|schizophreni|bipolar"
                    + "|self-harm|self harm|suicid|eating\\s+disorder|psychiatri|psychosis|sectioned|\\bcamhs\\b"});

    @Test
    void longTextScannedAsFourQuartersFindsWhatOnePassFinds() {
        List<String> parts = new ArrayList<>(List.of("x", "é", "Q", "ni", "no", "ref", "at", "1234", "NHSmail", "d.o.b"));
        for (Keywords set : Keywords.values()) {
            for (String phrase : set.phrases()) {
                parts.add(phrase.replaceAll("[<>]", "").replace('~', ' ').replace('_', ' '));
            }
        }
        String[] gaps = {" ", "", "  ", "\n", ".", "-", "_"};
        Random r = new Random(5);
        for (int n = 0; n < 300; n++) {
            StringBuilder b = new StringBuilder();
            int length = 4096 + r.nextInt(4000);
            while (b.length() < length) {
                String p = parts.get(r.nextInt(parts.size()));
                b.append(r.nextBoolean() ? p : p.toUpperCase()).append(gaps[r.nextInt(gaps.length)]);
            }
            String text = n % 2 == 0 ? b.toString() : b.toString().replace('é', 'e').replace('É', 'E'); // half are ASCII, read as bytes
            long[][] onePass = KeywordAutomaton.INSTANCE.findInOnePass(text);
            assertThat(KeywordAutomaton.INSTANCE.find(text, TextNormalizer.asciiView(text), false)).as(text).isDeepEqualTo(onePass);
            byte[] ascii = TextNormalizer.asciiBytes(text);
            if (ascii != null) {
                assertThat(KeywordAutomaton.INSTANCE.find(text, ascii, true)).as(text).isDeepEqualTo(onePass);
            }
        }
    }

    @Test
    void asciiBytesOnlyForTextThatNormalisingLeavesAlone() {
        assertThat(ascii("NI AB 12 34 56 C?")).isEqualTo("NI AB 12 34 56 C?".getBytes(StandardCharsets.US_ASCII));
        assertThat(TextNormalizer.asciiBytes("caf\u00e9")).isNull();
        assertThat(ascii("line\r\nbreak")).isEqualTo("line\r\nbreak".getBytes(StandardCharsets.US_ASCII));
        assertThat(TextNormalizer.asciiBytes("\uff21\uff22")).isNull(); // full-width letters, which NFKC folds
        assertThat(TextNormalizer.asciiBytes("AB\ud800 12")).isNull(); // a lone surrogate is not ASCII either
        // checked a chunk at a time, into a buffer the thread keeps: a long text, then a short one
        String longText = "x".repeat(20_000) + "AB 12";
        assertThat(ascii(longText)).isEqualTo(longText.getBytes(StandardCharsets.US_ASCII));
        assertThat(ascii("AB 12")).isEqualTo("AB 12".getBytes(StandardCharsets.US_ASCII));
        assertThat(TextNormalizer.asciiBytes("x".repeat(20_000) + "\u00e9")).isNull();
    }

    @Test
    void carriageReturnsAreReadAsLineFeedsAre() {
        // mail bodies come with CRLF: the ASCII path keeps CR, and every detector must read it as LF
        String text = "SECRET\nPatient: Jane Smith, diagnosed with diabetes\nNational\ninsurance number\nab 12 34 56 c\n"
                + "Date of\nbirth: 14/03/1985\nsort code\n20-45-77\naccount 12345678\nmobile\n07911 123456\nNHS\n943 476 5919\n"
                + "TOP SECRET\n[OFFICIAL-SENSITIVE]\nflat 2, 10 Downing Street\nSW1A 2AA\n";
        Classifier classifier = new Classifier();
        for (String variant : List.of(text, text + "caf\u00e9 \u2019")) { // the ASCII path and the normalised one
            Classification lf = classifier.classifyText(variant);
            Classification crlf = classifier.classifyText(variant.replace("\n", "\r\n"));
            Classification cr = classifier.classifyText(variant.replace('\n', '\r'));
            assertThat(lf.findings()).extracting(Finding::type).contains(FindingType.PROTECTIVE_MARKING, FindingType.UK_NINO,
                    FindingType.DATE_OF_BIRTH, FindingType.UK_BANK_ACCOUNT, FindingType.UK_PHONE, FindingType.UK_NHS_NUMBER,
                    FindingType.UK_POSTCODE, FindingType.SPECIAL_CATEGORY);
            assertThat(crlf.findings()).isEqualTo(lf.findings());
            assertThat(cr.findings()).isEqualTo(lf.findings());
        }
    }

    /** The text's bytes from the thread's buffer, which may be longer. */
    private static byte[] ascii(String text) {
        return java.util.Arrays.copyOf(TextNormalizer.asciiBytes(text), text.length());
    }

    @Test
    void keywordIndexAgreesWithTheRegexesItReplacedOnRandomText() {
        String[] parts = {"national", "insurance", "ni", "no", "number", "num", "nino", "sort", "code", "account", "bank", "a/c",
            "acct", "date", "of", "birth", "d.o.b", "dob", "born", "ref", "reference", "order", "part", "card", "exp", "expiry",
            "cv2", "x", "é", "Q", "on", "bail", "phone", "charged", "with", "offence", "offences", "self", "harm", "self-harm",
            "mental", "health", "ptsd"};
        String[] gaps = {" ", "", "  ", "\n", ".", "-", "_", ":"};
        Random r = new Random(11);
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                String p = parts[r.nextInt(parts.length)];
                b.append(r.nextBoolean() ? p : p.toUpperCase()).append(gaps[r.nextInt(gaps.length)]);
            }
            String text = b.toString();
            KeywordIndex index = keywords(text);
            for (Object[] old : OLD_KEYWORDS) {
                Pattern p = Pattern.compile((String) old[1]);
                for (int from = 0; from < text.length(); from += 7) {
                    int to = Math.min(text.length(), from + 5 + r.nextInt(40));
                    Matcher m = p.matcher(text.toLowerCase(java.util.Locale.ROOT)).region(from, to).useTransparentBounds(true);
                    assertThat(index.within((Keywords) old[0], from, to)).as("%s in [%d,%d) of %s", old[0], from, to, text)
                            .isEqualTo(m.find());
                }
            }
        }
    }

    // ---------------------------------------------------------------- anchored matching
    @Test
    void anchoredMatchingAtEveryPositionEqualsFind() {
        Pattern nino = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Za-z0-9])");
        String text = "AB 12 34 56 C AB123456CAB123456C JT 44 55 66 A, at the end QQ 12 34 56 C";
        AnchoredMatcher anchored = new AnchoredMatcher(nino, text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (anchored.matchesAt(i)) {
                found.add(anchored.match().group());
            }
        }
        List<String> expected = new ArrayList<>();
        Matcher m = nino.matcher(text);
        while (m.find()) {
            expected.add(m.group());
        }
        assertThat(found).isEqualTo(expected).containsExactly("AB 12 34 56 C", "JT 44 55 66 A", "QQ 12 34 56 C");
    }

    @Test
    void detectorsFindValuesAtTheEdgesOfTheText() {
        List<Hit> hits = new ArrayList<>();
        Scan scan = Scan.of("AB 12 34 56 C was NI number, NHS 943 476 5919", 300);
        new NinoDetector().detect(scan, hits);
        new NhsNumberDetector().detect(scan, hits);
        assertThat(hits).extracting(Hit::type).containsExactly(FindingType.UK_NINO, FindingType.UK_NHS_NUMBER);
        assertThat(hits).extracting(Hit::confidence).containsExactly(Confidence.HIGH, Confidence.HIGH);
    }

    // ---------------------------------------------------------------- phone validity
    @Test
    void ukNumberPlanAgreesWithLibphonenumber() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        UkNumberPlan plan = new UkNumberPlan(util);
        Random r = new Random(5);
        String[] prefixes = {"1", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "23", "24", "28", "29", "3",
            "55", "56", "7", "74", "75", "76", "77", "78", "79", "8", "80", "84", "87", "9", "1481", "1534", "1624", "7781", "7911"};
        for (int i = 0; i < 20000; i++) {
            String p = prefixes[r.nextInt(prefixes.length)];
            StringBuilder d = new StringBuilder(p);
            int length = 6 + r.nextInt(6);
            while (d.length() < length) {
                d.append(r.nextInt(10));
            }
            PhoneNumber n = new PhoneNumber().setCountryCode(44).setNationalNumber(Long.parseLong(d.toString()));
            assertThat(plan.isValid(n)).as(d.toString()).isEqualTo(util.isValidNumber(n));
        }
    }
}
