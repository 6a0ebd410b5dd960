package org.mailgate.classifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small third corpus, {@code corpus-people/fresh}, written after every detector change of the
 * round and scored once: phrasings that neither the detectors nor {@link PeopleCorpusGenerator}
 * were shaped by (abbreviations such as "acc" and "sort", possessive first names, letters to a
 * parent, initials, a home-phone column; on the ordinary side a coffee morning, a Blue Badge
 * leaflet, the Passport Office, a DBS application number, a birthday). Same placements and file
 * names as {@link PeopleCorpusGenerator}; its figures are the honest ones of this round.
 */
public final class FreshCorpusGenerator {
    private static final long SEED = 20261207L;
    private static final int PER_KIND = 6;

    private final Random rnd = new Random(SEED);
    private final CorpusGenerator values = new CorpusGenerator(SEED + 1);

    public static void main(String[] args) throws IOException {
        CorpusGenerator.write(Path.of(args.length > 0 ? args[0] : "classifier/src/test/resources/corpus-people"),
                new FreshCorpusGenerator().generate());
    }

    Map<String, byte[]> generate() {
        List<PeopleCorpusGenerator.Kind> sensitive = List.of(
                new PeopleCorpusGenerator.Kind("SPECIAL_CATEGORY", "housing-disclosure", this::housingDisclosure),
                new PeopleCorpusGenerator.Kind("UK_BANK_ACCOUNT", "chat-refund", this::chatRefund),
                new PeopleCorpusGenerator.Kind("SPECIAL_CATEGORY", "letter-to-parent", this::letterToParent),
                new PeopleCorpusGenerator.Kind("SPECIAL_CATEGORY", "police-notice", this::policeNotice),
                new PeopleCorpusGenerator.Kind("SPECIAL_CATEGORY", "possessive-first-name", this::possessiveFirstName),
                new PeopleCorpusGenerator.Kind("UK_PHONE", "home-phone-column", this::homePhoneColumn),
                new PeopleCorpusGenerator.Kind("UK_PHONE", "next-of-kin", this::nextOfKin),
                new PeopleCorpusGenerator.Kind("DATE_OF_BIRTH", "new-starter", this::newStarter));
        List<PeopleCorpusGenerator.Kind> ordinary = List.of(
                new PeopleCorpusGenerator.Kind("UK_BANK_ACCOUNT", "catering-invoice", this::cateringInvoice),
                new PeopleCorpusGenerator.Kind("SPECIAL_CATEGORY", "coffee-morning", this::coffeeMorning),
                new PeopleCorpusGenerator.Kind("SPECIAL_CATEGORY", "blue-badge", this::blueBadge),
                new PeopleCorpusGenerator.Kind("UK_PASSPORT", "passport-office", this::passportOffice),
                new PeopleCorpusGenerator.Kind("SPECIAL_CATEGORY", "dbs-application", this::dbsApplication),
                new PeopleCorpusGenerator.Kind("DATE_OF_BIRTH", "birthday", this::birthday));
        Map<String, byte[]> files = new LinkedHashMap<>();
        PeopleCorpusGenerator.write(files, "sensitive", sensitive, PER_KIND, n -> "fresh");
        PeopleCorpusGenerator.write(files, "ordinary", ordinary, PER_KIND, n -> "fresh");
        return files;
    }

    private String pick(String... a) {
        return a[rnd.nextInt(a.length)];
    }

    private String surname() {
        return pick("Mensah-Clarke", "Lowther", "Achterberg", "Reid", "Baptiste", "Pennington", "Okoro", "Hartley", "Szabo");
    }

    private String first() {
        return pick("Martha", "Kieran", "Callum", "Lukasz", "Hamza", "Rosalind", "Priya", "Owen", "Ellie");
    }

    private String sortCode() {
        return (10 + rnd.nextInt(89)) + "-" + (10 + rnd.nextInt(89)) + "-" + (10 + rnd.nextInt(89));
    }

    private String account() {
        return (1 + rnd.nextInt(9)) + values.digits(7);
    }

    private PeopleCorpusGenerator.Content housingDisclosure(int i) {
        return new PeopleCorpusGenerator.Content("Housing application", "Ref: housing application. Applicant Mr "
                + (char) ('A' + rnd.nextInt(26)) + ". " + surname() + " disclosed he is HIV positive and asked for a ground floor flat.");
    }

    private PeopleCorpusGenerator.Content chatRefund(int i) {
        return new PeopleCorpusGenerator.Content("refund", "can u chase the pension overpayment refund for " + first() + " "
                + surname() + " - her bank is sort " + sortCode() + " acc " + account() + ", ta");
    }

    private PeopleCorpusGenerator.Content letterToParent(int i) {
        String child = first();
        return new PeopleCorpusGenerator.Content("Your child's assessment", "Dear Mrs " + surname() + ",\n\nWe are writing about "
                + "your son " + child + "'s request for an EHC needs assessment. The panel agreed that " + child
                + " has special educational needs that the school cannot meet alone.\n\nYours sincerely\nSEND Casework");
    }

    private PeopleCorpusGenerator.Content policeNotice(int i) {
        return new PeopleCorpusGenerator.Content("Notification", "Police notified us that " + first() + " " + surname()
                + " (Y11) was arrested on Saturday and has been released on bail pending enquiries.");
    }

    private PeopleCorpusGenerator.Content possessiveFirstName(int i) {
        String f = first();
        return new PeopleCorpusGenerator.Content("Mocks", f + "'s mum called - " + f + " has been signed off school with anxiety "
                + "and won't sit the mocks.");
    }

    private PeopleCorpusGenerator.Content homePhoneColumn(int i) {
        String[][] rows = new String[5][];
        rows[0] = new String[] {"Client", "Phone (home)", "Notes"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {first() + " " + surname(), "01522 " + pick("520", "530", "540", "560") + values.digits(3),
                "weekly call"};
        }
        return new PeopleCorpusGenerator.Content("Call list", "Welfare call list for this week.", rows);
    }

    private PeopleCorpusGenerator.Content nextOfKin(int i) {
        return new PeopleCorpusGenerator.Content("NOK", "Next of kin: " + first() + " " + surname() + " (sister) "
                + pick("07911 123456", "07845 300211", "07956 112233", "07723 456789"));
    }

    private PeopleCorpusGenerator.Content newStarter(int i) {
        return new PeopleCorpusGenerator.Content("New starter", "For payroll: new starter " + first() + " " + surname()
                + ", date of birth " + String.format("%02d.%02d.19%02d", 1 + rnd.nextInt(28), 1 + rnd.nextInt(12), 60 + rnd.nextInt(40))
                + ", starts Monday in Revenues.");
    }

    private PeopleCorpusGenerator.Content cateringInvoice(int i) {
        return new PeopleCorpusGenerator.Content("Invoice " + values.digits(4), "Catering invoice " + values.digits(4)
                + " from Wolds Catering Services Ltd - remit to sort code " + sortCode() + " acc " + account() + ". Thank you for your business.");
    }

    private PeopleCorpusGenerator.Content coffeeMorning(int i) {
        return new PeopleCorpusGenerator.Content("Coffee morning", "The autism awareness coffee morning is on Friday; " + first()
                + " is bringing cake.");
    }

    private PeopleCorpusGenerator.Content blueBadge(int i) {
        return new PeopleCorpusGenerator.Content("Blue Badge", "Members of the public can apply for a Blue Badge if they have a "
                + "disability; see the leaflet or ask " + first() + " on reception.");
    }

    private PeopleCorpusGenerator.Content passportOffice(int i) {
        return new PeopleCorpusGenerator.Content("Passport Office", "The Passport Office opening hours have changed; the "
                + "advice line is 0300 222 0000 and the booking code for our group visit is " + (1 + rnd.nextInt(8)) + values.digits(8) + ".");
    }

    private PeopleCorpusGenerator.Content dbsApplication(int i) {
        return new PeopleCorpusGenerator.Content("DBS", "Your DBS application reference " + values.digits(12)
                + " is complete. Please tell " + first() + " in HR when you receive the certificate.");
    }

    private PeopleCorpusGenerator.Content birthday(int i) {
        return new PeopleCorpusGenerator.Content("Cake!", "Happy birthday " + first() + "! Cake in the kitchen at 3 - born on "
                + "a Friday, so it's a Friday party on " + String.format("%02d/%02d/2025", 1 + rnd.nextInt(28), 1 + rnd.nextInt(12)) + ".");
    }
}
