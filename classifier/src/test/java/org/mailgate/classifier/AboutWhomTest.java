package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each finding judged by whom it is about: a person's details are sensitive, a business's are not. */
class AboutWhomTest {
    private final Classifier classifier = new Classifier();

    private Classification text(String s) {
        return classifier.classifyText(s);
    }

    @Test
    void ibanForAPersonsBenefitIsHighOnItsOwn() {
        Classification c = text("Please pay Mrs Alison Hussain's housing benefit arrears into her account, IBAN GB82 WEST 1234 5698 7654 32.");
        assertThat(c.level()).isEqualTo(Level.HIGH);
        assertThat(c.finding(FindingType.IBAN).evidence()).singleElement()
                .satisfies(e -> assertThat(e.rule()).contains("person"));
    }

    @Test
    void refundToANamedPersonsAccountIsHigh() {
        assertThat(text("Refund for Daniel Okafor approved.\nSort code 20-45-77\nAccount 41126688").level()).isEqualTo(Level.HIGH);
    }

    @Test
    void suppliersOwnBankDetailsOnARemittanceAreNotSensitive() {
        assertThat(text("Remittance advice from Brightline Facilities Ltd. Our bank details: IBAN GB82 WEST 1234 5698 7654 32, "
                + "sort code 20-45-77, account 41126688.").sensitive()).isFalse();
    }

    @Test
    void healthStatementAboutANamedPersonWithNoIdentifierIsSensitive() {
        Classification c = text("Olivia Brown was diagnosed with epilepsy last spring and has a new medication plan.");
        assertThat(c.sensitive()).isTrue();
        assertThat(c.finding(FindingType.SPECIAL_CATEGORY).samples()).contains("health");
    }

    @Test
    void aPronounCarriesThePersonIntoTheNextSentence() {
        assertThat(text("I visited Mr Hussain at home on Tuesday. He told me he received a police caution in 2019.").sensitive())
                .isTrue();
    }

    @Test
    void statementsInEverydayWordsAboutNamedPeople() {
        assertThat(text("Hi Karen,\n\nMrs Begum's son had a seizure last night. She won't be in this week.").sensitive()).isTrue();
        assertThat(text("Concerns remain that Tyler is being exploited by older males.").sensitive()).isTrue();
        assertThat(text("Visited Ashok Zielinski today. He told me he self-harmed last week.").sensitive()).isTrue();
    }

    @Test
    void criminalOffenceAboutAChildNamedByFirstName() {
        assertThat(text("Mum reports that Kayden was excluded last week after an assault on another pupil.").sensitive()).isTrue();
    }

    @Test
    void aPronounWithNobodyIntroducedIsNotAPerson() {
        assertThat(text("He said the criminal record checks policy is being rewritten.").sensitive()).isFalse();
    }

    @Test
    void jobTitlesTeamsAndLeafletsAreNotStatementsAboutAnyone() {
        assertThat(text("Jane Smith, Mental Health Social Worker, will chair the meeting.").sensitive()).isFalse();
        assertThat(text("Please ask Priya Shah in the Safeguarding Team for the new rota.").sensitive()).isFalse();
        assertThat(text("Leaflets on dementia awareness are in reception; George Evans has copies.").sensitive()).isFalse();
        assertThat(text("Tom Harris will lead the dementia friends session on Tuesday.").sensitive()).isFalse();
        assertThat(text("Please send the DBS check form to Mark Evans by Friday.").sensitive()).isFalse();
        assertThat(text("Dr Patel will speak about depression research at the conference.").sensitive()).isFalse();
        assertThat(text("James said the HIV testing week stand needs volunteers.").sensitive()).isFalse();
    }

    @Test
    void safeguardingConcernAboutAChildNamedByFirstNameLater() {
        assertThat(text("Child: Leo Marsh\n\nLeo went missing from home on Friday night and was found by police on Saturday.")
                .sensitive()).isTrue();
    }

    @Test
    void personalMobileOfANamedPersonIsSensitive() {
        Classification c = text("Mrs Patel asked us to use her personal mobile, 07911 123456, and not the landline.");
        assertThat(c.sensitive()).isTrue();
        assertThat(c.finding(FindingType.UK_PHONE).confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void officeSwitchboardAndCouncilSignatureAreNotSensitive() {
        assertThat(text("Call the switchboard on 01522 881188 and ask for Mrs Patel.").sensitive()).isFalse();
        assertThat(text("Kind regards\nJane Smith\nHousing Officer\nCity of Lincoln Council\nMobile: 07912 345678").sensitive())
                .isFalse();
        assertThat(text("Thanks\n\nJane Smith | Senior Housing Officer | Mobile: 07912 345678").sensitive()).isFalse();
    }

    @Test
    void tableOfPeopleWithAMobileColumnIsSensitive() {
        StringBuilder t = new StringBuilder("Name\tTeam\tMobile\n");
        for (String n : List.of("Amira Khan", "Tom Fielding", "Rhys Morgan")) {
            t.append(n).append("\tYouth club\t07913 200").append(100 + n.length()).append('\n');
        }
        assertThat(text(t.toString()).sensitive()).isTrue();
    }

    @Test
    void datesAreNotBirthDatesWithoutALabelOrColumn() {
        assertThat(text("Date of birth is now optional on the form. The meeting is on 12/03/2024 and invoices dated "
                + "01/02/2024 are due.").finding(FindingType.DATE_OF_BIRTH)).isNull();
        assertThat(text("DOB: 14/03/1985").finding(FindingType.DATE_OF_BIRTH)).isNotNull();
        assertThat(text("Name\tDOB\tTown\nAmy Lee\t14/03/1985\tLincoln\n").finding(FindingType.DATE_OF_BIRTH)).isNotNull();
    }

    @Test
    void passportAsASchemeNameIsNotAPassportNumber() {
        assertThat(text("Your Leisure Passport membership number is 271828182; the scheme renews in May.").sensitive()).isFalse();
        assertThat(text("Passport number: 271828182 (Mr Jones)").level()).isEqualTo(Level.HIGH);
    }

    @Test
    void evidenceShowsKeywordsAndMasksValuesAndNames() {
        Classification c = text("NHS no. 943 476 5919 for Mrs Hussain, seen at the clinic today.");
        Evidence e = c.finding(FindingType.UK_NHS_NUMBER).evidence().get(0);
        assertThat(e.snippet()).contains("NHS no.", "\u2022\u2022\u2022 \u2022\u2022\u2022 \u2022\u202219", "Mrs H\u2022\u2022\u2022")
                .doesNotContain("943", "Hussain");
        assertThat(e.rule()).isNotBlank();
    }

    @Test
    void evidenceNeverHoldsARawValue() {
        Classification c = text("Client: Jane Smith, NI number AB 12 34 56 C, mobile 07911 123456, lives at 4 Elm Road LN1 1DD, "
                + "IBAN GB82 WEST 1234 5698 7654 32 for her pension.");
        assertThat(c.findings()).allSatisfy(f -> assertThat(f.evidence()).isNotEmpty().allSatisfy(e ->
                assertThat(e.snippet()).doesNotContain("12 34 56", "123456", "LN1 1DD", "5698", "Smith", "Jane")));
    }

    @Test
    void aFirstNameTheListDoesNotKnowFollowsItsLabelledPerson() {
        assertThat(text("Client: Zoltan Abara. Yesterday Zoltan disclosed domestic abuse at home.").sensitive()).isTrue();
        assertThat(text("Yesterday Zoltan disclosed domestic abuse at home.").sensitive()).isFalse();
    }

    @Test
    void birthDatesAndMobilesInTablesOfAttachmentsAndHtml() {
        String[][] rows = {{"Name", "Date of birth", "Mobile"}, {"Amy Lee", "14/03/1985", "07911 123456"}};
        byte[] xlsx = Fixtures.mail().subject("list").text("attached").attach("people.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fixtures.xlsx(rows)).bytes();
        byte[] csv = Fixtures.mail().subject("list").text("attached").attach("people.csv", "text/csv",
                Fixtures.utf8("Name,Date of birth,Mobile\nAmy Lee,14/03/1985,07911 123456\n")).bytes();
        byte[] html = Fixtures.mail().subject("list").html("<table><tr><td>Name</td><td>Date of birth</td><td>Mobile</td></tr>"
                + "<tr><td>Amy Lee</td><td>14/03/1985</td><td>07911 123456</td></tr></table>").bytes();
        for (byte[] m : List.of(xlsx, csv, html)) {
            Classification c = classifier.classify(m);
            assertThat(c.finding(FindingType.DATE_OF_BIRTH)).as("DOB column").isNotNull();
            assertThat(c.finding(FindingType.UK_PHONE).confidence()).as("mobile column").isEqualTo(Confidence.HIGH);
        }
        String[][] meetings = {{"Meeting", "Date", "Room"}, {"Budget", "14/03/2024", "2.14"}};
        byte[] dates = Fixtures.mail().subject("dates").text("See sheet. The date of birth field is optional.").attach("m.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fixtures.xlsx(meetings)).bytes();
        assertThat(classifier.classify(dates).finding(FindingType.DATE_OF_BIRTH)).isNull();
    }

    @Test
    void someoneToAskIsNotWhomTheSentenceIsAbout() {
        assertThat(text("Members of the public can apply for a Blue Badge if they have a disability; ask Priya on reception.")
                .sensitive()).isFalse();
        assertThat(text("Priya has a disability and asked for a parking space.").sensitive()).isTrue();
    }

    @Test
    void aHomePhoneColumnWordedAnyWayMakesATableOfPeoplePersonal() {
        Classification c = classifier.classify(Fixtures.mail().subject("calls").text("list attached").attach("calls.csv", "text/csv",
                Fixtures.utf8("Client,Phone (home),Notes\nAmy Lee,01522 520123,weekly call\n")).bytes());
        assertThat(c.sensitive()).isTrue();
        assertThat(c.finding(FindingType.UK_PHONE).confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void aCellUnderANameColumnIsAPersonWhateverTheName() {
        assertThat(text("Client\tNeed\nXanthe Qorvo\tdiagnosed with epilepsy\n").sensitive()).isTrue();
        assertThat(text("Site\tNeed\nRiverside Depot\tdiagnosed with damp\n").sensitive()).isFalse();
        byte[] csv = Fixtures.mail().subject("caseload").text("attached").attach("caseload.csv", "text/csv",
                Fixtures.utf8("Pupil name,Year,Needs\nZephyr Quell,Y4,autism and ADHD\n")).bytes();
        assertThat(classifier.classify(csv).sensitive()).isTrue();
    }
}
