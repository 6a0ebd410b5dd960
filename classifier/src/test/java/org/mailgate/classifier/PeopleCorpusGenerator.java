package org.mailgate.classifier;

import static org.mailgate.classifier.Fixtures.utf8;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Writes the second accuracy corpus, about whom data is: {@code corpus-people/{dev,heldout}/
 * {sensitive,ordinary}/TYPE--kind-placement-NNN.eml}. Written in other voices than {@link
 * CorpusGenerator}'s (a caseworker's clipped notes, chat-style replies, formal letters, finance
 * robots) and with other names and places. Every kind of the "who is it about" issue is here:
 * a person's IBAN or account for a payment, special-category statements about a named person
 * (named in full, with a title, by first name or pronoun later), personal mobiles, birth dates
 * with labels and DOB columns, passport numbers; and the hard negatives: a supplier's own bank
 * details, dates that are no one's birth date, "passport" schemes, switchboards, council
 * signatures, job titles, team names and leaflets. Each kind rotates through every placement.
 *
 * <p>Three messages in ten (by a fixed rule on the index) go to {@code heldout/}: they are scored
 * at the end of a round and never tuned on. {@code TYPE} is the finding type a sensitive message
 * must be caught by (per-type recall); ordinary messages carry the type they might be mistaken for.
 *
 * <p>Regenerate with {@code java -cp … org.mailgate.classifier.PeopleCorpusGenerator
 * classifier/src/test/resources/corpus-people} (see classifier/README.md).
 */
public final class PeopleCorpusGenerator {
    private static final long SEED = 20261206L;
    static final int SENSITIVE_PER_KIND = 17;
    static final int ORDINARY_PER_KIND = 18;

    enum Where { PLAIN, QP, BASE64, HTML, PDF, DOCX, XLSX, CSV, FORWARDED, ZIP, REPLY }

    private static final String[] GIVEN = {"Bethany", "Callum", "Farah", "Idris", "Niamh", "Lukasz", "Grace", "Reuben",
        "Shauna", "Yusuf", "Martha", "Declan", "Ifeoma", "Kieran", "Rosalind", "Hamza", "Tegan", "Wojciech", "Imogen", "Ashok"};
    private static final String[] SURNAMES = {"Clarke", "Mensah", "O'Brien", "Zielinski", "Siddiqui", "Reid", "Whitfield",
        "Achterberg", "Lowther", "Quayle", "Okonkwo", "Pennington", "Baptiste", "Fairweather", "Hollis", "Nakamura",
        "Ridley-Jones", "Thornber", "Varga", "Ellwood"};
    private static final String[] TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"};
    private static final String[] SUPPLIERS = {"Fenland Plumbing Ltd", "Wolds Catering Services Ltd", "Trent Valley Print plc",
        "Stonebow Office Supplies Ltd", "Humber Grounds Maintenance LLP", "Brayford IT Solutions Ltd"};
    private static final String[] TOWNS = {"Lincoln", "Gainsborough", "Sleaford", "Louth", "Boston", "Grantham"};
    private static final String[] PAYMENTS = {"Disability Living Allowance arrears", "pension lump sum", "salary advance",
        "council tax refund", "direct payment for care", "Discretionary Housing Payment", "expenses claim", "overpaid rent refund"};

    private final Random rnd = new Random(SEED);
    private final CorpusGenerator values = new CorpusGenerator(SEED + 1);

    public static void main(String[] args) throws IOException {
        CorpusGenerator.write(Path.of(args.length > 0 ? args[0] : "classifier/src/test/resources/corpus-people"),
                new PeopleCorpusGenerator().generate());
    }

    /** What one template writes: a subject, prose, and the same content as table rows where it is tabular. */
    record Content(String subject, String text, String[][] rows) {
        Content(String subject, String text) {
            this(subject, text, null);
        }
    }

    record Kind(String type, String name, Function<Integer, Content> template) {
    }

    Map<String, byte[]> generate() {
        List<Kind> sensitive = List.of(
                new Kind("IBAN", "payment-iban", this::paymentIban),
                new Kind("UK_BANK_ACCOUNT", "refund-account", this::refundAccount),
                new Kind("SPECIAL_CATEGORY", "health-named", this::healthNamed),
                new Kind("SPECIAL_CATEGORY", "mental-health-pronoun", this::mentalHealthPronoun),
                new Kind("SPECIAL_CATEGORY", "safeguarding-first-name", this::safeguardingFirstName),
                new Kind("SPECIAL_CATEGORY", "criminal-titled", this::criminalTitled),
                new Kind("SPECIAL_CATEGORY", "sen-child", this::senChild),
                new Kind("SPECIAL_CATEGORY", "other-category", this::otherCategory),
                new Kind("UK_PHONE", "personal-mobile", this::personalMobile),
                new Kind("UK_PHONE", "mobile-column", this::mobileColumn),
                new Kind("DATE_OF_BIRTH", "dob-labelled", this::dobLabelled),
                new Kind("DATE_OF_BIRTH", "dob-column", this::dobColumn),
                new Kind("UK_PASSPORT", "passport-number", this::passportNumber),
                new Kind("UK_NINO", "nino-note", this::ninoNote));
        List<Kind> ordinary = List.of(
                new Kind("UK_BANK_ACCOUNT", "supplier-invoice", this::supplierInvoice),
                new Kind("IBAN", "remittance", this::remittance),
                new Kind("DATE_OF_BIRTH", "schedule-dates", this::scheduleDates),
                new Kind("UK_PASSPORT", "passport-scheme", this::passportScheme),
                new Kind("UK_PHONE", "switchboard", this::switchboard),
                new Kind("UK_PHONE", "council-signature", this::councilSignature),
                new Kind("SPECIAL_CATEGORY", "job-titles", this::jobTitles),
                new Kind("SPECIAL_CATEGORY", "leaflet", this::leaflet),
                new Kind("UK_PHONE", "extension-list", this::extensionList),
                new Kind("IBAN", "company-payments", this::companyPayments),
                new Kind("DATE_OF_BIRTH", "form-guidance", this::formGuidance),
                new Kind("SPECIAL_CATEGORY", "chatter-reply", this::chatterReply));
        Map<String, byte[]> files = new LinkedHashMap<>();
        IntFunction<String> set = n -> n % 10 == 2 || n % 10 == 5 || n % 10 == 8 ? "heldout" : "dev";
        write(files, "sensitive", sensitive, SENSITIVE_PER_KIND, set);
        write(files, "ordinary", ordinary, ORDINARY_PER_KIND, set);
        return files;
    }

    /** Each kind {@code perKind} times, rotating through the placements; {@code set} names the directory of message n. */
    static void write(Map<String, byte[]> files, String label, List<Kind> kinds, int perKind, IntFunction<String> set) {
        int n = 0;
        for (Kind k : kinds) {
            for (int i = 0; i < perKind; i++, n++) {
                Where where = Where.values()[(i + kinds.indexOf(k)) % Where.values().length];
                Content c = k.template().apply(i);
                String file = String.format("%s/%s/%s--%s-%s-%03d.eml", set.apply(n), label, k.type(), k.name(),
                        where.name().toLowerCase(java.util.Locale.ROOT), n);
                files.put(file, CorpusGenerator.normalise(place(c, where, n)));
            }
        }
    }

    // ---------------------------------------------------------------- placements

    static byte[] place(Content c, Where where, int n) {
        return switch (where) {
            case PLAIN -> Placement.PLAIN.message(c.subject(), body(c));
            case QP -> Placement.QUOTED_PRINTABLE.message(c.subject(), body(c));
            case BASE64 -> Placement.BASE64.message(c.subject(), body(c));
            case HTML -> c.rows() == null ? Placement.OUTLOOK_HTML.message(c.subject(), c.text())
                    : Fixtures.mail().subject(c.subject()).html("<html><body><p>" + c.text() + "</p>" + htmlTable(c.rows())
                    + "<p>" + Placement.DISCLAIMER + "</p></body></html>").bytes();
            case PDF -> Placement.PDF.message(c.subject(), body(c, " | ")); // no tabs in a PDF text line
            case DOCX -> Placement.DOCX.message(c.subject(), body(c));
            case XLSX -> Fixtures.mail().subject(c.subject()).text("Spreadsheet attached, shout if anything's missing.")
                    .attach("sheet-" + n + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            Fixtures.xlsx(rows(c))).bytes();
            case CSV -> Fixtures.mail().subject(c.subject()).text("csv export attached")
                    .attach("export-" + n + ".csv", "text/csv", utf8(csv(rows(c)))).bytes();
            case FORWARDED -> Placement.FORWARDED.message(c.subject(), body(c));
            case ZIP -> Placement.ZIP.message(c.subject(), body(c));
            case REPLY -> Placement.QUOTED_REPLY.message(c.subject(), body(c));
        };
    }

    /** The text, with the table (if any) below it, cells split by tabs. */
    private static String body(Content c) {
        return body(c, "\t");
    }

    private static String body(Content c, String separator) {
        if (c.rows() == null) {
            return c.text();
        }
        StringBuilder b = new StringBuilder(c.text()).append("\n\n");
        for (String[] row : c.rows()) {
            b.append(String.join(separator, row)).append('\n');
        }
        return b.toString();
    }

    /** The table, or the prose as a one-row case-notes table. */
    private static String[][] rows(Content c) {
        return c.rows() != null ? c.rows() : new String[][] {{"Ref", "Notes"}, {"C-" + Math.abs(c.subject().hashCode() % 9000), c.text()}};
    }

    private static String csv(String[][] rows) {
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (String cell : row) {
                cells.add(cell.contains(",") || cell.contains("\n") || cell.contains("\"")
                        ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static String htmlTable(String[][] rows) {
        StringBuilder b = new StringBuilder("<table border=1>");
        for (String[] row : rows) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(cell).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    // ---------------------------------------------------------------- values

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private String given() {
        return pick(GIVEN);
    }

    private String full() {
        return given() + " " + pick(SURNAMES);
    }

    private String titled() {
        return pick(TITLES) + " " + pick(SURNAMES);
    }

    private String pronoun(boolean possessive) {
        return rnd.nextBoolean() ? (possessive ? "her" : "she") : (possessive ? "his" : "he");
    }

    private String mobile() {
        return valid(() -> pick(new String[] {"07911", "07723", "07845", "07956", "07412", "07588"}) + " " + (100000 + rnd.nextInt(899999)));
    }

    private String landline() {
        return valid(() -> "01522 " + (550000 + rnd.nextInt(300000)));
    }

    /** A number libphonenumber accepts as a valid UK number: not every random one in a range is allocated. */
    private static String valid(java.util.function.Supplier<String> numbers) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        while (true) {
            String n = numbers.get();
            try {
                if (util.isValidNumber(util.parse(n, "GB"))) {
                    return n;
                }
            } catch (NumberParseException e) {
                // try another
            }
        }
    }

    private String sortCode() {
        return (10 + rnd.nextInt(89)) + "-" + (10 + rnd.nextInt(89)) + "-" + (10 + rnd.nextInt(89));
    }

    private String account() {
        return (1 + rnd.nextInt(9)) + values.digits(7);
    }

    /** A valid GB IBAN (mod 97), grouped in fours. */
    private String iban() {
        String bban = pick(new String[] {"NWBK", "BARC", "LOYD", "HBUK", "MIDL"}) + values.digits(6) + account();
        String numeric = toDigits(bban + "GB00");
        int check = 98 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
        String iban = "GB" + String.format("%02d", check) + bban;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            b.append(iban, i, Math.min(iban.length(), i + 4)).append(i + 4 < iban.length() ? " " : "");
        }
        return b.toString();
    }

    private static String toDigits(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return b.toString();
    }

    private String date() {
        return String.format("%02d/%02d/20%02d", 1 + rnd.nextInt(28), 1 + rnd.nextInt(12), 22 + rnd.nextInt(4));
    }

    private String nine() {
        return (1 + rnd.nextInt(8)) + values.digits(8);
    }

    private String officerSignoff() {
        return "\n\nThanks\n" + given() + "\n" + pick(new String[] {"Family Support Worker", "Benefits Assessor", "Housing Options Officer",
            "Education Welfare Officer", "Payments Clerk"}) + "\n" + pick(TOWNS) + " District Council | " + landline();
    }

    // ---------------------------------------------------------------- sensitive

    private Content paymentIban(int i) {
        String who = rnd.nextBoolean() ? full() : titled();
        String what = pick(PAYMENTS);
        String text = switch (i % 3) {
            case 0 -> "Can you set up the " + what + " for " + who + " please - paying into " + pronoun(true)
                    + " account IBAN " + iban() + ". Approved by TL today." + officerSignoff();
            case 1 -> "Dear Payments Team,\n\nI authorise payment of the " + what + " to " + who + ". The claimant's bank details "
                    + "are IBAN " + iban() + ".\n\nYours sincerely" + officerSignoff();
            default -> "fyi " + who + " rang, wants the " + what + " paid to " + pronoun(true) + " new account - IBAN "
                    + iban() + " (they changed banks)";
        };
        return new Content("Payment instruction - " + what, text);
    }

    private Content refundAccount(int i) {
        String who = full();
        String text = "Refund for " + who + " approved (overpayment on " + pick(new String[] {"rent", "council tax", "parking permit"})
                + ").\nSort code " + sortCode() + "\nAccount " + account() + "\nPlease process in the next BACS run.";
        return new Content("Refund - " + who.split(" ")[1], text);
    }

    private Content healthNamed(int i) {
        String who = rnd.nextBoolean() ? full() : titled();
        String cond = pick(new String[] {"was diagnosed with type 1 diabetes in March", "is waiting for chemotherapy to start",
            "has epilepsy and had a seizure at the day centre", "was admitted to hospital after a stroke",
            "is on new medication and may be drowsy", "has a GP referral for physiotherapy after a fall"});
        return new Content("Update on " + who, switch (i % 2) {
            case 0 -> "Quick update - " + who + " " + cond + ". Care plan to be reviewed Thursday.";
            default -> "Dear colleague,\n\nFurther to our call, I can confirm that " + who + " " + cond
                    + ". Please bear this in mind when arranging the assessment." + officerSignoff();
        });
    }

    private Content mentalHealthPronoun(int i) {
        String who = rnd.nextBoolean() ? titled() : full();
        String p = pronoun(false);
        String cond = pick(new String[] {"has been struggling with depression since the bereavement",
            "was sectioned under the Mental Health Act last month", "is under CAMHS for anxiety", "self-harmed last week",
            "has a psychiatric assessment booked"});
        return new Content("Visit notes", "Visited " + who + " at home this morning. House tidy, good engagement. "
                + Character.toUpperCase(p.charAt(0)) + p.substring(1) + " told me " + p + " " + cond + ".\nNext visit in two weeks.");
    }

    private Content safeguardingFirstName(int i) {
        String first = given();
        String last = pick(SURNAMES);
        return new Content("Weekend - " + first, "Child: " + first + " " + last + "\n\n" + first + " "
                + pick(new String[] {"went missing from home on Friday and was found by police in " + pick(TOWNS) + " on Sunday",
                    "disclosed domestic abuse at home to the class teacher", "is subject to a child protection plan from today",
                    "has been referred to the MASH after bruising was seen at nursery"})
                + ". Strategy discussion booked for Tuesday.");
    }

    private Content criminalTitled(int i) {
        String who = titled();
        return new Content("Tenancy check", pick(new String[] {
            "The enhanced DBS for " + who + " came back with a conviction for theft (2019); panel to decide.",
            who + " received a police caution for criminal damage in August, landlord has asked us to note it.",
            "Please note " + who + " is on probation until next spring and must report weekly.",
            "Re " + who + ": the court sentenced him to 120 hours unpaid work; housing to be kept informed."}));
    }

    private Content senChild(int i) {
        String first = given();
        String name = first + " " + pick(SURNAMES);
        return new Content("School transport - " + first, pick(new String[] {
            name + " has an EHCP and needs a passenger assistant on the bus from September.",
            "Pupil name: " + name + "\nNeeds: autism, sensory processing - please no loud music on the route.",
            "Hi both, " + name + " has been diagnosed with ADHD and dyslexia; can we look at exam access arrangements?",
            name + " is a wheelchair user with a learning disability and will need the accessible minibus."}));
    }

    private Content otherCategory(int i) {
        String who = full();
        return new Content("HR query", switch (i % 5) {
            case 0 -> who + " has asked for Fridays off for prayers; " + pronoun(false) + " is Muslim and wants it recorded.";
            case 1 -> "For the equality monitoring return: " + who + " gave " + pronoun(true) + " ethnicity as Black Caribbean.";
            case 2 -> who + " told the panel " + pronoun(false) + " is gay and asked that this stays confidential.";
            case 3 -> "Deductions: " + who + " joined the trade union last month, please start the subscription.";
            default -> "Time clock: " + who + "'s fingerprint template needs re-enrolling in the biometric reader.";
        });
    }

    private Content personalMobile(int i) {
        String who = rnd.nextBoolean() ? titled() : full();
        return new Content("Contact details", pick(new String[] {
            who + " asked us to use " + pronoun(true) + " personal mobile " + mobile() + " rather than the landline.",
            "Client: " + who + "\nHome address on file. Mobile: " + mobile() + " (best after 5pm).",
            "Next of kin for " + who + " is " + pronoun(true) + " daughter, mobile " + mobile() + "."}));
    }

    private Content mobileColumn(int i) {
        String[][] rows = new String[6][];
        rows[0] = new String[] {"Volunteer", "Group", "Mobile"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {full(), pick(TOWNS) + " lunch club", mobile()};
        }
        return new Content("Volunteer rota", "Rota for the lunch clubs below, please keep it to yourselves.", rows);
    }

    private Content dobLabelled(int i) {
        String who = full();
        return new Content("Referral", pick(new String[] {
            "Name: " + who + "\nDOB: " + values.dob() + "\nReason: needs a carers assessment.",
            "New referral for " + who + " (date of birth " + values.dob() + ") from the GP practice.",
            "Please add " + who + ", born on " + values.dob() + ", to the waiting list."}));
    }

    private Content dobColumn(int i) {
        String[][] rows = new String[5][];
        rows[0] = new String[] {"Pupil", "Date of birth", "Year group"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {full(), values.dob(), "Y" + (3 + rnd.nextInt(8))};
        }
        return new Content("Trip list", "Names for the residential trip.", rows);
    }

    private Content passportNumber(int i) {
        String who = full();
        return new Content("Right to work", pick(new String[] {
            "Right to work check done for " + who + ". Passport number: " + nine() + ", expiry 2031.",
            "ID seen for " + who + " - passport no. " + nine() + " (original, copy on file)."}));
    }

    private Content ninoNote(int i) {
        String who = titled();
        return new Content("Claim", "Claim for " + who + ", NI number " + values.nino() + ". Evidence of rent still outstanding.");
    }

    // ---------------------------------------------------------------- ordinary

    private Content supplierInvoice(int i) {
        String supplier = pick(SUPPLIERS);
        return new Content("Invoice " + (40000 + rnd.nextInt(9999)), supplier + "\nINVOICE INV-" + values.digits(6) + " dated "
                + date() + "\nGrounds maintenance, " + pick(TOWNS) + " depot: GBP " + (200 + rnd.nextInt(5000)) + ".00\n"
                + "Please pay to our account: sort code " + sortCode() + ", account number " + account() + ".\n"
                + "Supplier number " + values.digits(6) + ". Company reg " + values.digits(8) + ".");
    }

    private Content remittance(int i) {
        String supplier = pick(SUPPLIERS);
        return new Content("Remittance advice", "REMITTANCE ADVICE\nPayee: " + supplier + "\nPaid " + date() + " to IBAN "
                + iban() + "\nInvoices: INV-" + values.digits(5) + ", INV-" + values.digits(5) + "\nTotal GBP "
                + (1000 + rnd.nextInt(9000)) + ".00\nThis is an automated message from the finance system.");
    }

    private Content scheduleDates(int i) {
        return new Content("Dates for your diary", "Hi all,\n\nThe date of birth field on the new intake form is now optional. "
                + "Training on the form is on " + date() + ", the go-live is " + date() + " and invoices dated before "
                + date() + " go through the old process. Review meeting " + date() + ".\n\nCheers, " + given());
    }

    private Content passportScheme(int i) {
        return new Content("Your membership", pick(new String[] {
            "Welcome to the Leisure Passport scheme! Your membership number is " + nine() + ". Show it at any leisure centre.",
            "Culture Passport programme: reference " + nine() + " has been renewed for another year.",
            "Your Skills Passport course code " + nine() + " is confirmed for " + date() + "."}));
    }

    private Content switchboard(int i) {
        return new Content("Getting hold of us", "For any queries call the switchboard on " + landline() + " or the main office on "
                + landline() + " and ask for " + titled() + ". Out of hours: " + landline() + ".");
    }

    private Content councilSignature(int i) {
        return new Content("RE: room booking", "Room 3 is fine for the 14th, I've booked it.\n\nKind regards\n\n" + full()
                + "\nProperty Services Officer\n" + pick(TOWNS) + " City Council, City Hall, " + pick(TOWNS) + "\nTel: " + landline()
                + "\nMobile: " + mobile() + "\n\n" + Placement.DISCLAIMER);
    }

    private Content jobTitles(int i) {
        return new Content("Panel membership", full() + ", Mental Health Social Worker, and " + full()
                + " from the Safeguarding Team will sit on the panel with " + titled() + ", Head of SEN Services. "
                + "Criminal Justice Liaison Officer " + full() + " sends apologies.");
    }

    private Content leaflet(int i) {
        return new Content("Leaflets", pick(new String[] {
            "Dementia awareness leaflets are in reception - " + full() + " has more if we run out.",
            "Reminder from " + full() + ": the domestic abuse awareness training is on " + date() + ", please book.",
            "Ask " + given() + " for the mental health first aider list; the wellbeing poster is on the intranet."}));
    }

    private Content extensionList(int i) {
        String[][] rows = new String[7][];
        rows[0] = new String[] {"Team", "Contact", "Direct line"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {pick(new String[] {"Revenues", "Benefits", "Planning", "Licensing"}), full(), landline()};
        }
        return new Content("Who to ring", "Direct lines for the teams moving floors.", rows);
    }

    private Content companyPayments(int i) {
        return new Content("Payment run " + date(), "Payment run complete. " + pick(SUPPLIERS) + " paid to IBAN " + iban()
                + "; " + pick(SUPPLIERS) + " paid to IBAN " + iban() + ". Creditor statements to follow.");
    }

    private Content formGuidance(int i) {
        return new Content("Form guidance", "Guidance for staff: enter the applicant's date of birth as dd/mm/yyyy. Forms received "
                + "after " + date() + " use version 3. The policy was approved on " + date() + ".");
    }

    private Content chatterReply(int i) {
        return new Content("Friday", "ha yes " + given() + " said the same, " + pick(new String[] {"the lift is broken again",
            "cake in the kitchen", "the printer on floor 2 is jammed"}) + ". are you coming to the " + pick(new String[] {
            "mental health awareness week walk", "trade union AGM", "safeguarding training refresher"}) + " on " + date() + "?");
    }
}
