package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    private final Classifier classifier = new Classifier(ClassifierSettings.defaults());

    private static List<Hit> run(Detector d, String text) {
        List<Hit> hits = new ArrayList<>();
        d.detect(Scan.of(text, 300), hits);
        return hits;
    }

    /** Completes a PAN prefix with a Luhn check digit. */
    static String luhnComplete(String withoutCheck) {
        for (int d = 0; d <= 9; d++) {
            if (PaymentCardDetector.luhn(withoutCheck + d)) {
                return withoutCheck + d;
            }
        }
        throw new IllegalStateException();
    }

    // ---------------------------------------------------------------- Nino
    @Test
    void ninoSpacingVariantsAreFoundAndMasked() {
        for (String v : List.of("AB 12 34 56 C", "AB123456C", "AB-12-34-56-C", "AB 123456 C")) {
            List<Hit> hits = run(new NinoDetector(), "My National Insurance number is " + v + ".");
            assertThat(hits).as(v).hasSize(1);
            assertThat(hits.get(0).confidence()).isEqualTo(Confidence.HIGH);
            assertThat(hits.get(0).masked()).isEqualTo("AB \u2022\u2022 \u2022\u2022 \u2022\u2022 C");
        }
    }

    @Test
    void ninoWithoutKeywordsIsMedium() {
        assertThat(run(new NinoDetector(), "see JT 44 55 66 A")).extracting(Hit::confidence).containsExactly(Confidence.MEDIUM);
    }

    @Test
    void ninoInvalidPrefixesAndSuffixesAreRejected() {
        for (String v : List.of("QQ123456C", "DA123456A", "AO123456A", "BG123456A", "GB123456A", "NK123456A",
                "TN123456A", "ZZ123456A", "AB123456E", "AB12345C", "XAB123456C", "AB1234567C")) {
            assertThat(run(new NinoDetector(), "NI number " + v)).as(v).isEmpty();
        }
        assertThat(NinoDetector.validPrefix("AB")).isTrue();
        assertThat(NinoDetector.validPrefix("AD")).isFalse();
    }

    @Test
    void ninoZeroWidthSpacesDoNotHideIt() {
        assertThat(run(new NinoDetector(), "NI: AB\u200B123456C")).hasSize(1);
    }

    @Test
    void ninoLowerCaseOnlyWithKeyword() {
        assertThat(run(new NinoDetector(), "my ni number is ab123456c")).extracting(Hit::masked)
                .containsExactly("AB \u2022\u2022 \u2022\u2022 \u2022\u2022 C");
        assertThat(run(new NinoDetector(), "product code ab123456c")).isEmpty();
    }

    // ---------------------------------------------------------------- Nhs
    @Test
    void nhsValidChecksumInBothForms() {
        assertThat(run(new NhsNumberDetector(), "NHS number 943 476 5919")).extracting(Hit::confidence)
                .containsExactly(Confidence.HIGH);
        assertThat(run(new NhsNumberDetector(), "patient 9434765919")).hasSize(1);
        assertThat(run(new NhsNumberDetector(), "NHS 943-476-5919").get(0).masked()).endsWith("19");
    }

    @Test
    void nhsInvalidChecksumAndNearMissesRejected() {
        assertThat(run(new NhsNumberDetector(), "NHS number 943 476 5918")).isEmpty();
        assertThat(run(new NhsNumberDetector(), "NHS number 943 4765 919")).isEmpty();
        assertThat(run(new NhsNumberDetector(), "NHS number 94347659190")).isEmpty();
        assertThat(run(new NhsNumberDetector(), "Invoice no. 9434765919")).isEmpty();
        assertThat(NhsNumberDetector.valid("1111111111")).isFalse();
    }

    @Test
    void nhsWithoutContextIsLow() {
        assertThat(run(new NhsNumberDetector(), "the code 943 476 5919")).extracting(Hit::confidence)
                .containsExactly(Confidence.LOW);
    }

    // ---------------------------------------------------------------- Card
    @Test
    void cardLuhnValidKnownIssuers() {
        String visa = luhnComplete("453914880343646");
        String mc = luhnComplete("522222222222222");
        String amex = luhnComplete("37828224631000");
        String text = "card " + visa.substring(0, 4) + " " + visa.substring(4, 8) + " " + visa.substring(8, 12) + " "
                + visa.substring(12) + ", mastercard " + mc + ", amex " + amex.substring(0, 4) + "-" + amex.substring(4, 10)
                + "-" + amex.substring(10);
        List<Hit> hits = run(new PaymentCardDetector(), text);
        assertThat(hits).hasSize(3).allMatch(h -> h.confidence() == Confidence.HIGH);
        assertThat(hits.get(0).masked()).isEqualTo("\u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 " + visa.substring(12));
    }

    @Test
    void cardLuhnFailureUnknownIssuerAndBadGroupingRejected() {
        String visa = luhnComplete("453914880343646");
        String bad = visa.substring(0, 15) + ((visa.charAt(15) - '0' + 1) % 10);
        assertThat(run(new PaymentCardDetector(), "card " + bad)).isEmpty();
        assertThat(run(new PaymentCardDetector(), "card " + luhnComplete("990000000000123"))).isEmpty();
        assertThat(run(new PaymentCardDetector(), "card " + visa.substring(0, 3) + " " + visa.substring(3, 9) + " " + visa.substring(9)))
                .isEmpty();
    }

    @Test
    void cardOrderNumberLabelLowersConfidence() {
        String visa = luhnComplete("453914880343646");
        assertThat(run(new PaymentCardDetector(), "Order number: " + visa)).extracting(Hit::confidence)
                .containsExactly(Confidence.LOW);
    }

    // ---------------------------------------------------------------- Bank
    @Test
    void bankSortCodeWithAccountAndKeywords() {
        List<Hit> hits = run(new BankAccountDetector(), "Bank details: sort code 20-45-77, account number 41234567");
        assertThat(hits).extracting(Hit::confidence).containsExactly(Confidence.HIGH);
        assertThat(hits.get(0).masked()).endsWith("67").doesNotContain("4123");
    }

    @Test
    void bankDateLikeSortCodeWithoutKeywordsIgnored() {
        assertThat(run(new BankAccountDetector(), "Delivered 12-05-24 to the depot")).isEmpty();
    }

    @Test
    void bankIban() {
        assertThat(run(new IbanDetector(), "IBAN GB82 WEST 1234 5698 7654 32 thanks")).hasSize(1);
        assertThat(run(new IbanDetector(), "IBAN GB82WEST12345698765432")).hasSize(1);
        assertThat(run(new IbanDetector(), "IBAN GB82 WEST 1234 5698 7654 33")).isEmpty();
        assertThat(run(new IbanDetector(), "DE89 3704 0044 0532 0130 00")).hasSize(1);
    }

    // ---------------------------------------------------------------- IdentityDocuments
    @Test
    void identityDocumentsPassportNeedsKeyword() {
        assertThat(run(new PassportDetector(), "Passport no: 502135326")).extracting(Hit::confidence)
                .containsExactly(Confidence.HIGH);
        assertThat(run(new PassportDetector(), "Reference 502135326")).isEmpty();
        assertThat(run(new PassportDetector(), "passport 123456789")).isEmpty();
    }

    @Test
    void identityDocumentsDrivingLicence() {
        assertThat(run(new DrivingLicenceDetector(), "Driving licence: MORGA753116SM9IJ")).extracting(Hit::confidence)
                .containsExactly(Confidence.HIGH);
        assertThat(run(new DrivingLicenceDetector(), "licence MORGA 753116 SM9IJ")).hasSize(1);
        assertThat(run(new DrivingLicenceDetector(), "JONES 9 61 5 0 JA 9 AB")).isEmpty();
        // month 13 and day 32 are impossible
        assertThat(run(new DrivingLicenceDetector(), "licence MORGA713116SM9IJ")).isEmpty();
        assertThat(run(new DrivingLicenceDetector(), "licence MORGA753326SM9IJ")).isEmpty();
    }

    @Test
    void identityDocumentsDateOfBirthNeedsKeyword() {
        for (String d : List.of("14/03/1985", "14.03.1985", "1985-03-14", "14 March 1985", "March 14th, 1985", "14-03-85")) {
            assertThat(run(new DateOfBirthDetector(), "Date of birth: " + d)).as(d).hasSize(1);
        }
        assertThat(run(new DateOfBirthDetector(), "Invoice date: 14/03/2024")).isEmpty();
        assertThat(run(new DateOfBirthDetector(), "DOB 31/02/1985")).isEmpty();
        assertThat(run(new DateOfBirthDetector(), "The birth of our brand is celebrated on 14/03/2024")).isEmpty();
        assertThat(run(new DateOfBirthDetector(), "DOB 01/01/2999")).isEmpty();
    }

    // ---------------------------------------------------------------- ContactDetails
    @Test
    void contactDetailsPostcode() {
        assertThat(run(new PostcodeDetector(), "London SW1A 1AA")).extracting(Hit::masked).containsExactly("SW1A \u2022\u2022\u2022");
        assertThat(run(new PostcodeDetector(), "M1 1AE and EC1A 1BB")).hasSize(2);
        assertThat(run(new PostcodeDetector(), "code QV1 1AA")).isEmpty();
        assertThat(run(new PostcodeDetector(), "part SW1A 1CI")).isEmpty();
    }

    @Test
    void contactDetailsPhone() {
        assertThat(run(new PhoneDetector(), "Call 020 7946 0000")).extracting(Hit::confidence).containsExactly(Confidence.LOW);
        assertThat(run(new PhoneDetector(), "Mobile: 07911 123456")).extracting(Hit::confidence)
                .containsExactly(Confidence.MEDIUM);
        assertThat(run(new PhoneDetector(), "Order 12345")).isEmpty();
    }

    // ---------------------------------------------------------------- Markings
    @Test
    void markingsOfficialSensitiveVariants() {
        for (String t : List.of("OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE", "OFFICIAL-SENSITIVE: PERSONAL",
                "text [Official-Sensitive] text", "OFFICIAL-SENSITIVE LOCSEN", "Official Sensitive: Commercial")) {
            assertThat(run(new ProtectiveMarkingDetector(), t)).as(t).isNotEmpty();
        }
        assertThat(run(new ProtectiveMarkingDetector(), "OFFICIAL-SENSITIVE: PERSONAL")).extracting(Hit::key)
                .contains("OFFICIAL-SENSITIVE: PERSONAL");
    }

    @Test
    void markingsSecretOnlyAsMarking() {
        assertThat(run(new ProtectiveMarkingDetector(), "SECRET\nBriefing follows")).hasSize(1);
        assertThat(run(new ProtectiveMarkingDetector(), "TOP SECRET: plan")).extracting(Hit::key).containsExactly("TOP SECRET");
        assertThat(run(new ProtectiveMarkingDetector(), "see attached [SECRET] annex")).hasSize(1);
        assertThat(run(new ProtectiveMarkingDetector(), "The secret to good service is listening.")).isEmpty();
        assertThat(run(new ProtectiveMarkingDetector(), "SECRET Santa party on Friday")).isEmpty();
        assertThat(run(new ProtectiveMarkingDetector(), "It's no SECRET that sales grew")).isEmpty();
        assertThat(run(new ProtectiveMarkingDetector(), "OFFICIAL\nquarterly figures")).isEmpty();
    }

    // ---------------------------------------------------------------- SpecialCategory
    @Test
    void specialCategoryTermNearIdentifierIsHigh() {
        Classification c = classifier.classifyText("Patient: Jane Smith, DOB 02/04/1979. Diagnosed with bipolar disorder in 2019.");
        assertThat(c.finding(FindingType.SPECIAL_CATEGORY)).isNotNull();
        assertThat(c.finding(FindingType.SPECIAL_CATEGORY).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(c.level()).isEqualTo(Level.HIGH);
    }

    @Test
    void specialCategoryLoneTermsInNewsletterStayQuiet() {
        Classification c = classifier.classifyText(
                "Newsletter: this week is Mental Health Awareness Week. Our trade union partners and the health and safety"
                        + " team invite everyone to a wellbeing talk on Thursday.");
        assertThat(c.sensitive()).isFalse();
        assertThat(c.finding(FindingType.SPECIAL_CATEGORY)).isNull();
    }

    @Test
    void specialCategoryTitledNameAloneIsOnlyLow() {
        Classification c = classifier.classifyText("Dr Patel will speak about depression research at the conference.");
        assertThat(c.sensitive()).isFalse();
    }

    // ---------------------------------------------------------------- Scoring
    @Test
    void scoringOrdinaryBusinessMailIsQuiet() {
        Classification c = classifier.classifyText("""
                Hi Tom,
                Please find invoice INV-2024-00318 for order 4539148803 dated 14/03/2024, ref 20-45-77.
                Tracking number 1Z999AA10123456784. Call me on 020 7946 0000 if anything is unclear.
                Regards, Sam — Acme Ltd, 1 High Street, Leeds LS1 4DY
                """);
        assertThat(c.sensitive()).as(c.toString()).isFalse();
        assertThat(c.level()).isIn(Level.NONE, Level.LOW);
    }

    @Test
    void scoringNinoWithContextIsHighAndNeverRaw() {
        Classification c = classifier.classifyText("Employee NI number: AB 12 34 56 C");
        assertThat(c.level()).isEqualTo(Level.HIGH);
        assertThat(c.sensitive()).isTrue();
        assertThat(c.toString()).doesNotContain("12 34 56").doesNotContain("123456");
    }

    @Test
    void scoringDistinctValuesAreCounted() {
        Classification c = classifier.classifyText("NI AB123456C and again AB 12 34 56 C and JT445566A");
        assertThat(c.finding(FindingType.UK_NINO).count()).isEqualTo(2);
    }

    @Test
    void scoringKeepsEachValuesHighestConfidenceAndRulesCountDistinctValuesAtOrAboveTheirs() {
        String far = " filler".repeat(60) + " "; // beyond the keyword window
        String text = "JT445566A" + far + "AB123456C" + far + "NI number AB 12 34 56 C";
        Finding nino = classifier.classifyText(text).finding(FindingType.UK_NINO);
        assertThat(nino.count()).isEqualTo(2);
        assertThat(nino.confidence()).isEqualTo(Confidence.HIGH); // AB123456C: MEDIUM, then HIGH
        LevelRule twoHigh = new LevelRule(FindingType.UK_NINO, Confidence.HIGH, 2, Level.HIGH);
        LevelRule twoMedium = new LevelRule(FindingType.UK_NINO, Confidence.MEDIUM, 2, Level.HIGH);
        assertThat(new Classifier(ClassifierSettings.defaults().withLevelRules(List.of(twoHigh))).classifyText(text).level())
                .isEqualTo(Level.NONE);
        assertThat(new Classifier(ClassifierSettings.defaults().withLevelRules(List.of(twoMedium))).classifyText(text).level())
                .isEqualTo(Level.HIGH);
        LevelRule threeMedium = new LevelRule(FindingType.UK_NINO, Confidence.MEDIUM, 3, Level.HIGH);
        assertThat(new Classifier(ClassifierSettings.defaults().withLevelRules(List.of(threeMedium))).classifyText(text)
                .level()).isEqualTo(Level.NONE); // AB123456C counts once, at its highest
    }

    @Test
    void scoringBulkPersonalDataIsHigh() {
        StringBuilder b = new StringBuilder("Name,DOB\n");
        for (int i = 1; i <= 12; i++) {
            b.append("Person ").append(i).append(", date of birth ").append(String.format("%02d/05/19%02d", i, 60 + i)).append('\n');
        }
        assertThat(classifier.classifyText(b.toString()).level()).isEqualTo(Level.HIGH);
    }

    @Test
    void scoringCustomRulesApply() {
        ClassifierSettings strict = ClassifierSettings.defaults()
                .withLevelRules(List.of(new LevelRule(FindingType.UK_PHONE, Confidence.LOW, 1, Level.HIGH)));
        assertThat(new Classifier(strict).classifyText("Call 020 7946 0000").level()).isEqualTo(Level.HIGH);
    }
}
