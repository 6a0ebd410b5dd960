package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of finding that depends on whom it is about, in every way the text reaches the
 * detectors: a transfer encoding, Outlook HTML with signature and disclaimer, PDF, DOCX, a
 * forwarded message, a zip, and the quoted history of a reply.
 */
class PlacementTest {
    private static final Classifier CLASSIFIER = new Classifier();

    enum Kind {
        PERSONS_IBAN(true, FindingType.IBAN, "Pension arrears", "Hi,\n\nPlease pay Mr Tomasz Nowak's pension arrears into his "
                + "account, IBAN GB82 WEST 1234 5698 7654 32, by Friday."),
        HEALTH_STATEMENT(true, FindingType.SPECIAL_CATEGORY, "Home visit", "Hello,\n\nI saw Harriet Lowe today. She was "
                + "diagnosed with early onset dementia in the summer and her medication was changed last week."),
        CRIMINAL_BY_PRONOUN(true, FindingType.SPECIAL_CATEGORY, "Tenancy", "Morning,\n\nMr Okafor came in about the flat. "
                + "He mentioned that he was convicted of a driving offence in 2021."),
        SAFEGUARDING_FIRST_NAME(true, FindingType.SPECIAL_CATEGORY, "Weekend", "Child: Leo Marsh\n\n"
                + "Leo went missing from home on Friday night and was brought back by police on Saturday."),
        SEN(true, FindingType.SPECIAL_CATEGORY, "Transport", "Ella Price starts at Westgate in January. She has an EHCP "
                + "and will need transport with an escort."),
        PERSONAL_MOBILE(true, FindingType.UK_PHONE, "Contact", "Mrs Patel asked us to use her personal mobile, 07911 123456, "
                + "not the landline."),
        DOB_LABELLED(true, FindingType.DATE_OF_BIRTH, "Referral", "New referral for Bethany Clarke (date of birth "
                + "14/03/1985) from the GP practice."),
        PASSPORT_NUMBER(true, FindingType.UK_PASSPORT, "Right to work", "Right to work check done for Callum Reid. Passport number: "
                + "271828182, expiry 2031."),
        SUPPLIER_INVOICE_ACCOUNT(false, FindingType.UK_BANK_ACCOUNT, "Invoice", "Fenland Plumbing Ltd, invoice INV-204411: "
                + "please pay to our account, sort code 20-45-77, account number 41126688."),
                SUPPLIER_REMITTANCE(false, FindingType.IBAN, "Remittance", "Remittance advice: Brightline Facilities Ltd has been paid "
                + "for invoice INV-2026-0412. Our bank details: IBAN GB82 WEST 1234 5698 7654 32."),
        JOB_TITLE(false, FindingType.SPECIAL_CATEGORY, "Panel", "Jane Smith, Mental Health Social Worker, and the Safeguarding "
                + "Team will join the panel on Thursday."),
        PASSPORT_SCHEME(false, FindingType.UK_PASSPORT, "Membership", "Your Leisure Passport membership number is 271828182."),
        DATES_NOT_BIRTH(false, FindingType.DATE_OF_BIRTH, "Schedule", "The date of birth field is optional now. Invoices dated "
                + "01/02/2024 are due on 15/03/2024; the review is on 12/04/2024."),
        SWITCHBOARD(false, FindingType.UK_PHONE, "Visit", "Please call the switchboard on 01522 881188 and ask for Mrs Patel.");

        final boolean sensitive;
        final FindingType type;
        final String subject;
        final String text;

        Kind(boolean sensitive, FindingType type, String subject, String text) {
            this.sensitive = sensitive;
            this.type = type;
            this.subject = subject;
            this.text = text;
        }
    }

    static Stream<Arguments> everyKindInEveryPlacement() {
        return Stream.of(Kind.values()).flatMap(k -> Stream.of(Placement.values()).map(p -> Arguments.of(k, p)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyKindInEveryPlacement")
    void isJudgedByWhomItIsAbout(Kind kind, Placement placement) {
        Classification c = CLASSIFIER.classify(placement.message(kind.subject, kind.text));
        assertThat(c.sensitive()).as("%s in %s: %s", kind, placement, c.findings()).isEqualTo(kind.sensitive);
        if (kind.sensitive) {
            assertThat(c.finding(kind.type)).as("%s finding", kind.type).isNotNull();
            assertThat(c.finding(kind.type).evidence()).isNotEmpty();
        }
    }
}
