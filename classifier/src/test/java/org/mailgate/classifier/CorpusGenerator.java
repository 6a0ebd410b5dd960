package org.mailgate.classifier;

import static org.mailgate.classifier.Fixtures.utf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the labelled accuracy corpus: {@code corpus/sensitive/*.eml} (personal data in varied
 * places and formats) and {@code corpus/ordinary/*.eml} (business mail full of look-alike numbers).
 * Deterministic in content (fixed seed). All values are synthetic: checksums are valid, people are not.
 *
 * <p>Regenerate with:
 * {@code java -cp classifier/target/test-classes:classifier/target/classes:$(cat cp.txt)
 * org.mailgate.classifier.CorpusGenerator classifier/src/test/resources/corpus}
 */
public final class CorpusGenerator {
    static final int PER_CLASS = 110;
    private static final long SEED = 20261129L;

    private static final String[] FIRST = {"Jane", "Mohammed", "Olivia", "Harry", "Priya", "George", "Amelia", "Oliver",
            "Chloe", "Kwame", "Sophie", "Daniel", "Aisha", "Thomas", "Megan", "Lewis", "Zara", "Connor", "Ruth", "Tomasz"};
    private static final String[] LAST = {"Smith", "Khan", "Jones", "Williams", "Patel", "Brown", "Taylor", "Davies",
            "Evans", "Wilson", "Thomas", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "Hughes", "Edwards", "Nowak", "Green"};
    private static final String[] POSTCODES = {"LS1 4DY", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB",
            "W1A 0AX", "SW1A 2AA", "NE1 7RU", "BS1 5TR", "CF10 1EP", "G2 1DU", "EH1 1YZ", "L1 8JQ", "NG1 5FS"};
    private static final String[] STREETS = {"High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane"};
    private static final String[] TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr"};
    private static final String[] COMPANIES = {"Acme Supplies Ltd", "Northwind Traders", "Brightline Facilities", "Oakwood Print",
            "Summit IT Services", "Riverside Catering"};

    private final Random rnd;

    CorpusGenerator() {
        this(SEED);
    }

    /** With another seed: the synthetic values for another corpus ({@link PeopleCorpusGenerator}). */
    CorpusGenerator(long seed) {
        rnd = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "classifier/src/test/resources/corpus"), new CorpusGenerator().generate());
    }

    /** Writes each message under {@code out} at its relative path. */
    static void write(Path out, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = out.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        System.out.println("wrote " + files.size() + " messages to " + out);
    }

    /** Relative path (sensitive/..., ordinary/...) to message bytes. */
    Map<String, byte[]> generate() {
        List<Function<Integer, Fixtures.Mail>> sensitive = List.of(
                this::ninoInBody, this::ninoInSubject, this::nhsInHtml, this::cardInBody, this::bankDetails,
                this::passportInDocx, this::licenceInPdf, this::peopleInXlsx, this::markingInSubject, this::markingInDocx,
                this::safeguardingReferral, this::mentalHealthPdf, this::ninoCsv, this::zippedDocx, this::encryptedPdf,
                this::forwardedCard, this::dobInRtf, this::probationNote, this::secretBody, this::contactListXlsx,
                this::nhsInOdt, this::ninoInFileName, this::lowercaseNino, this::serviceUserHealth, this::cardWithoutKeywordHtml);
        List<Function<Integer, Fixtures.Mail>> ordinary = List.of(
                this::invoice, this::orderConfirmation, this::meetingInvite, this::shipping, this::newsletter,
                this::itTicket, this::quoteWithParts, this::invoicePdf, this::priceListXlsx, this::minutesDocx,
                this::remittanceIban, this::marketingHtml, this::timesheetXlsx, this::zippedInvoices, this::cardEnding,
                this::travelBooking, this::forwardedOrdinary, this::csvStock, this::brandBirthday, this::hrPolicy,
                this::staffDirectory);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= PER_CLASS; i++) {
            files.put(String.format("sensitive/s%03d.eml", i), normalise(sensitive.get((i - 1) % sensitive.size()).apply(i).bytes()));
        }
        for (int i = 1; i <= PER_CLASS; i++) {
            files.put(String.format("ordinary/o%03d.eml", i), normalise(ordinary.get((i - 1) % ordinary.size()).apply(i).bytes()));
        }
        // Known hard cases, kept in the corpus so the figures are not flattering:
        // expected misses (documented in the README), and one that normalisation must catch.
        files.put("sensitive/s-hard-1.eml", normalise(base("Thinking of you").text("Hi Sue, so sorry to hear about the cancer "
                + "diagnosis. Take all the time you need, we'll cover your shifts. Love, Pat").bytes()));
        files.put("sensitive/s-hard-2.eml", normalise(base("form").text("NI number: A B 1 2 3 4 5 6 C").bytes()));
        files.put("sensitive/s-hard-3.eml", normalise(base("Clinic").attach("clinic.docx", "application/octet-stream",
                Fixtures.docx("Patient NHS number 943\u2013476\u20135919 (en dashes)")).text("attached").bytes()));
        files.put("ordinary/o-hard-1.eml", normalise(base("Invoice " + invoiceNo()).text("Please pay to our account: Barclays Bank, "
                + "sort code 20-32-06, account number 53124609, quoting the invoice number." + signature()).bytes()));
        StringBuilder phones = new StringBuilder("Office numbers for the new building:\n");
        for (int r = 0; r < 12; r++) {
            phones.append(pick(new String[] {"Reception", "Facilities", "Post room", "IT desk", "Security"})).append(": 0113 496 ")
                    .append(String.format("%04d", 100 + r * 7)).append('\n');
        }
        files.put("ordinary/o-hard-2.eml", normalise(base("Phone list").text(phones.toString()).bytes()));
        return files;
    }

    private static final Pattern BOUNDARY = Pattern.compile("----=_Part_\\d+_-?\\d+\\.\\d+");

    /** Jakarta Mail boundaries contain a timestamp; replace them so regenerated files diff cleanly. */
    static byte[] normalise(byte[] eml) {
        String s = new String(eml, java.nio.charset.StandardCharsets.ISO_8859_1);
        Matcher m = BOUNDARY.matcher(s);
        Map<String, String> seen = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String r = seen.computeIfAbsent(m.group(), k -> "----=_Part_mailgate_" + seen.size());
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- synthetic values

    String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private String name() {
        return pick(FIRST) + " " + pick(LAST);
    }

    private String titled() {
        return pick(TITLES) + " " + pick(FIRST) + " " + pick(LAST);
    }

    String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }

    String nino() {
        String letters = "ABCEGHJKLMNPRSTWXYZ";
        String p;
        do {
            p = "" + letters.charAt(rnd.nextInt(letters.length())) + letters.charAt(rnd.nextInt(letters.length()));
        } while (!NinoDetector.validPrefix(p));
        String d = digits(6);
        char s = "ABCD".charAt(rnd.nextInt(4));
        return switch (rnd.nextInt(4)) {
            case 0 -> p + d + s;
            case 1 -> p + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " " + s;
            case 2 -> p + " " + d + " " + s;
            default -> p + "-" + d.substring(0, 2) + "-" + d.substring(2, 4) + "-" + d.substring(4) + "-" + s;
        };
    }

    String nhs() {
        while (true) {
            String d = (char) ('4' + rnd.nextInt(3)) + digits(8);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (d.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check == 10) {
                continue;
            }
            String n = d + check;
            return rnd.nextBoolean() ? n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6) : n;
        }
    }

    private String card() {
        String prefix = rnd.nextBoolean() ? "4" + digits(14) : "5" + (1 + rnd.nextInt(5)) + digits(13);
        String pan = DetectorsTest.luhnComplete(prefix);
        return switch (rnd.nextInt(3)) {
            case 0 -> pan;
            case 1 -> pan.substring(0, 4) + " " + pan.substring(4, 8) + " " + pan.substring(8, 12) + " " + pan.substring(12);
            default -> pan.substring(0, 4) + "-" + pan.substring(4, 8) + "-" + pan.substring(8, 12) + "-" + pan.substring(12);
        };
    }

    String dob() {
        int y = 1940 + rnd.nextInt(65);
        int m = 1 + rnd.nextInt(12);
        int d = 1 + rnd.nextInt(28);
        String[] months = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"};
        return switch (rnd.nextInt(4)) {
            case 0 -> String.format("%02d/%02d/%d", d, m, y);
            case 1 -> String.format("%d %s %d", d, months[m - 1], y);
            case 2 -> String.format("%d-%02d-%02d", y, m, d);
            default -> String.format("%02d.%02d.%d", d, m, y);
        };
    }

    private String phone() {
        return rnd.nextBoolean() ? "07" + (700 + rnd.nextInt(299)) + " " + digits(6) : "0113 496 " + digits(4);
    }

    private String address() {
        return (1 + rnd.nextInt(120)) + " " + pick(STREETS) + ", " + pick(POSTCODES);
    }

    private String signature() {
        String c = pick(COMPANIES);
        return "\n\nKind regards\n" + pick(FIRST) + "\n" + c + " | Unit " + (1 + rnd.nextInt(20)) + ", " + pick(STREETS)
                + ", " + pick(POSTCODES) + "\nTel: 0113 496 " + digits(4) + " | www." + c.toLowerCase().replaceAll("[^a-z]", "") + ".example";
    }

    private Fixtures.Mail base(String subject) {
        return Fixtures.mail().subject(subject).from("staff@council.example").to("someone@partner.example");
    }

    // ---------------------------------------------------------------- sensitive

    private Fixtures.Mail ninoInBody(int i) {
        return base("New starter paperwork").text("Hi,\n\nPlease set up payroll for " + name() + ". Their National Insurance number is "
                + nino() + " and they start on Monday." + signature());
    }

    private Fixtures.Mail ninoInSubject(int i) {
        return base("NI no " + nino() + " - tax code query").text("See subject, can you check the tax code please?" + signature());
    }

    private Fixtures.Mail nhsInHtml(int i) {
        String n = nhs();
        return base("Discharge summary").text("Please see the HTML version.").html("<html><body><p>Patient: <b>" + name()
                + "</b></p><table><tr><td>NHS No.</td><td>" + n + "</td></tr><tr><td>Ward</td><td>7B</td></tr></table></body></html>");
    }

    private Fixtures.Mail cardInBody(int i) {
        return base("Booking payment").text("Hello, please take the deposit using my card: " + card() + " expiry 0" + (1 + rnd.nextInt(9))
                + "/2" + (7 + rnd.nextInt(3)) + ". Thanks, " + name());
    }

    private Fixtures.Mail bankDetails(int i) {
        String sc = digits(2) + "-" + digits(2) + "-" + digits(2);
        return base("Updated bank details").text("Please pay my expenses into my new account.\nBank: Lloyds\nSort code: " + sc
                + "\nAccount number: " + (1 + rnd.nextInt(9)) + digits(7) + "\nName: " + name());
    }

    private Fixtures.Mail passportInDocx(int i) {
        byte[] doc = Fixtures.docx("Right to work check", "Employee: " + name(), "Passport number: " + (1 + rnd.nextInt(8)) + digits(8),
                "Checked by HR on arrival");
        return base("Right to work evidence").text("Attached as requested." + signature())
                .attach("right-to-work-" + i + ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", doc);
    }

    private Fixtures.Mail licenceInPdf(int i) {
        String last = pick(LAST).toUpperCase();
        String sur = (last + "99999").substring(0, 5);
        int year = 1950 + rnd.nextInt(50);
        int month = 1 + rnd.nextInt(12) + (rnd.nextBoolean() ? 50 : 0);
        int day = 1 + rnd.nextInt(28);
        String dl = sur + (year / 10 % 10) + String.format("%02d%02d", month, day) + (year % 10) + pick(FIRST).charAt(0) + "9" + "9"
                + (char) ('A' + rnd.nextInt(26)) + (char) ('A' + rnd.nextInt(26));
        byte[] pdf = Fixtures.pdf("Pool car authorisation\nDriver: " + name() + "\nDriving licence number: " + dl + "\nApproved");
        return base("Pool car driver check").text("Licence check attached." + signature()).attach("driver-check.pdf", "application/pdf", pdf);
    }

    private Fixtures.Mail peopleInXlsx(int i) {
        String[][] rows = new String[8][];
        rows[0] = new String[] {"Name", "Date of birth", "Address"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {name(), dob(), address()};
        }
        return base("Client list for the visit").text("List attached." + signature())
                .attach("clients.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fixtures.xlsx(rows));
    }

    private Fixtures.Mail markingInSubject(int i) {
        String[] variants = {"OFFICIAL-SENSITIVE: PERSONAL", "OFFICIAL SENSITIVE", "[OFFICIAL-SENSITIVE] ", "OFFICIAL-SENSITIVE COMMERCIAL"};
        return base(variants[i % variants.length] + " Case review").text("Please review the attached notes before Thursday." + signature());
    }

    private Fixtures.Mail markingInDocx(int i) {
        byte[] doc = Fixtures.docx("OFFICIAL-SENSITIVE", "Contract negotiation position", "Our walk-away price is GBP 2.1m.");
        return base("Negotiation brief").text("Brief attached, do not forward." + signature())
                .attach("brief.docx", "application/octet-stream", doc);
    }

    private Fixtures.Mail safeguardingReferral(int i) {
        return base("Referral").text("Child: " + name() + "\nDOB: " + dob() + "\nAddress: " + address()
                + "\n\nSchool has raised a safeguarding concern; the social worker will visit this week.");
    }

    private Fixtures.Mail mentalHealthPdf(int i) {
        byte[] pdf = Fixtures.pdf("Occupational health report\nEmployee: " + titled() + "\nNHS number: " + nhs()
                + "\nDiagnosed with depression and anxiety; phased return recommended.");
        return base("OH report").text("Report attached." + signature()).attach("oh-report.pdf", "application/pdf", pdf);
    }

    private Fixtures.Mail ninoCsv(int i) {
        StringBuilder b = new StringBuilder("name,ni_number,start\n");
        for (int r = 0; r < 4; r++) {
            b.append(name()).append(',').append(nino().replace(" ", "")).append(",2024-0").append(1 + r).append("-01\n");
        }
        return base("Payroll upload").text("CSV for this month." + signature()).attach("payroll.csv", "text/csv", utf8(b.toString()));
    }

    private Fixtures.Mail zippedDocx(int i) {
        byte[] doc = Fixtures.docx("Tenancy application", "Applicant: " + name(), "National Insurance: " + nino());
        byte[] zip = Fixtures.zip(Map.of("applications/application-" + i + ".docx", doc, "readme.txt", utf8("Applications batch")));
        return base("Applications batch").text("Zipped as the files are large." + signature()).attach("applications.zip", "application/zip", zip);
    }

    private Fixtures.Mail encryptedPdf(int i) {
        return base("Salary review").text("Password to follow by text." + signature())
                .attach("salaries.pdf", "application/pdf", Fixtures.pdf("Salary list", "pw" + i));
    }

    private Fixtures.Mail forwardedCard(int i) {
        byte[] inner = base("Card details for the order").text("My Visa card is " + card() + ", expires 09/28, CVV on request.").bytes();
        return base("Fwd: Card details for the order").text("See below." + signature()).attach("card.eml", "message/rfc822", inner);
    }

    private Fixtures.Mail dobInRtf(int i) {
        byte[] rtf = Fixtures.rtf("Reference for " + titled() + "\nDate of birth: " + dob() + "\nHome address: " + address());
        return base("Reference request").text("Reference attached." + signature()).attach("reference.rtf", "application/rtf", rtf);
    }

    private Fixtures.Mail probationNote(int i) {
        return base("Hostel placement").text(titled() + " (DOB " + dob() + ") was convicted in March and is now on probation. "
                + "Please confirm the placement." + signature());
    }

    private Fixtures.Mail secretBody(int i) {
        return base("Briefing").text((i % 2 == 0 ? "SECRET" : "TOP SECRET") + "\n\nBriefing notes for the committee follow.\n" + signature());
    }

    private Fixtures.Mail contactListXlsx(int i) {
        String[][] rows = new String[13][];
        rows[0] = new String[] {"Name", "Postcode", "Mobile"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {name(), POSTCODES[r % POSTCODES.length], "07" + (700 + r) + " " + digits(6)};
        }
        return base("Volunteer contact list").text("Contact list attached." + signature())
                .attach("volunteers.xlsx", "application/octet-stream", Fixtures.xlsx(rows));
    }

    private Fixtures.Mail nhsInOdt(int i) {
        return base("Clinic letter").text("Letter attached." + signature())
                .attach("letter.odt", "application/vnd.oasis.opendocument.text",
                        Fixtures.odt("Patient " + name() + " NHS number " + nhs() + " attended the clinic on 4 June."));
    }

    private Fixtures.Mail ninoInFileName(int i) {
        return base("Form").text("Attached." + signature())
                .attach("P45 " + name() + " NI " + nino().replace(" ", "") + ".txt", "text/plain", utf8("P45 form"));
    }

    private Fixtures.Mail lowercaseNino(int i) {
        return base("quick q").text("hiya, my ni number is " + nino().toLowerCase() + " if you need it for the form. cheers");
    }

    private Fixtures.Mail serviceUserHealth(int i) {
        return base("Care plan update").text("Service user: " + name() + "\nHas been diagnosed with type 2 diabetes; new medication "
                + "from next week. Please update the care plan." + signature());
    }

    private Fixtures.Mail cardWithoutKeywordHtml(int i) {
        return base("details as requested").text("see html").html("<html><body><p>Number: " + card() + "<br>Name: " + name()
                + "</p></body></html>");
    }

    private Fixtures.Mail brandBirthday(int i) {
        return base("25 years of " + pick(COMPANIES)).text("The birth of our brand was in 1999. We celebrate on " + date()
                + " with a party; RSVP by " + date() + ". Our birthday offer code is BDAY" + digits(4) + "." + signature());
    }

    private Fixtures.Mail hrPolicy(int i) {
        return base("Updated sickness absence policy").text("All staff,\n\nThe sickness absence and disability policy has been updated"
                + " following consultation with the trade union. Mental health first aiders are listed on the intranet. Fit notes"
                + " must be uploaded within 7 days. Policy ref HR-" + digits(4) + ", effective " + date() + "." + signature());
    }

    private Fixtures.Mail staffDirectory(int i) {
        StringBuilder b = new StringBuilder("<html><body><table>");
        for (int r = 0; r < 4; r++) {
            b.append("<tr><td>").append(titled()).append("</td><td>Facilities</td><td>0113 496 ").append(digits(4)).append("</td></tr>");
        }
        return base("Who to contact").html(b.append("</table><p>Main office: ").append(pick(POSTCODES)).append("</p></body></html>").toString());
    }

    // ---------------------------------------------------------------- ordinary

    private String invoiceNo() {
        return "INV-" + (2020 + rnd.nextInt(6)) + "-" + digits(5);
    }

    private String date() {
        return String.format("%02d/%02d/20%02d", 1 + rnd.nextInt(28), 1 + rnd.nextInt(12), 20 + rnd.nextInt(6));
    }

    private Fixtures.Mail invoice(int i) {
        return base("Invoice " + invoiceNo()).text("Dear customer,\n\nPlease find invoice " + invoiceNo() + " dated " + date()
                + " for GBP " + (100 + rnd.nextInt(9000)) + "." + rnd.nextInt(10) + "0. PO number: 45000" + digits(5)
                + ". Payment due by " + date() + "." + signature());
    }

    private Fixtures.Mail orderConfirmation(int i) {
        return base("Order confirmation " + digits(10)).text("Thank you for your order.\nOrder number: " + digits(16)
                + "\nCustomer number: " + digits(8) + "\nEstimated delivery: " + date() + signature());
    }

    private Fixtures.Mail meetingInvite(int i) {
        return base("Project board " + date()).text("Hi all,\n\nThe project board meets on " + date() + " at 10:30 in room "
                + (100 + rnd.nextInt(400)) + ".\nDial in: 0800 496 " + digits(4) + ", conference ID " + digits(3) + " " + digits(3) + " "
                + digits(3) + "#\n\nAgenda to follow." + signature());
    }

    private Fixtures.Mail shipping(int i) {
        return base("Your parcel is on its way").text("Tracking number: 1Z" + digits(16) + "\nDispatched: " + date()
                + "\nDelivery to: Goods In, " + pick(COMPANIES) + ", " + pick(POSTCODES) + "\nConsignment ref " + digits(10));
    }

    private Fixtures.Mail newsletter(int i) {
        return base("Staff newsletter - issue " + i).html("<html><body><h1>News</h1><p>This week is Mental Health Awareness Week: our "
                + "wellbeing team is running drop-in sessions. The secret to a good team is listening.</p><p>The trade union "
                + "consultation on the new rota closes on " + date() + ". Health and safety training is compulsory.</p>"
                + "<p>Top tips from Dr Who fans in Finance: keep your desk tidy!</p></body></html>");
    }

    private Fixtures.Mail itTicket(int i) {
        return base("Ticket #" + digits(7) + " resolved").text("Your ticket has been resolved.\nAsset tag: LT-" + digits(6)
                + "\nSerial number: 5CG" + digits(7) + "\nIP address 10." + rnd.nextInt(255) + "." + rnd.nextInt(255) + ".12\nVersion 4.12."
                + digits(4) + "\nClosed on " + date() + signature());
    }

    private Fixtures.Mail quoteWithParts(int i) {
        StringBuilder b = new StringBuilder("Quotation Q" + digits(6) + "\n");
        for (int r = 0; r < 5; r++) {
            b.append("Part no ").append(digits(10)).append("  qty ").append(1 + rnd.nextInt(50)).append("  unit price ")
                    .append(rnd.nextInt(300)).append(".99\n");
        }
        return base("Quotation for stationery").text(b + "Valid until " + date() + signature());
    }

    private Fixtures.Mail invoicePdf(int i) {
        byte[] pdf = Fixtures.pdf("INVOICE " + invoiceNo() + "\nDate: " + date() + "\nCustomer ref: " + digits(9)
                + "\nTotal: GBP 1,2" + digits(2) + ".00\nVAT reg 123 4567 89");
        return base("Invoice attached").text("Invoice attached." + signature()).attach("invoice.pdf", "application/pdf", pdf);
    }

    private Fixtures.Mail priceListXlsx(int i) {
        String[][] rows = new String[10][];
        rows[0] = new String[] {"SKU", "Description", "Price", "Barcode"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {"SKU-" + digits(6), "Item " + r, rnd.nextInt(99) + ".99", "50" + digits(11)};
        }
        return base("Price list " + (2024 + i % 2)).text("Updated price list." + signature())
                .attach("prices.xlsx", "application/octet-stream", Fixtures.xlsx(rows));
    }

    private Fixtures.Mail minutesDocx(int i) {
        byte[] doc = Fixtures.docx("Minutes of the facilities meeting held " + date(), "Present: " + titled() + ", " + titled(),
                "1. Car park resurfacing: contractor to start " + date(), "2. Budget code 4410-" + digits(4) + " approved",
                "3. Next meeting " + date());
        return base("Minutes").text("Minutes attached." + signature()).attach("minutes.docx", "application/octet-stream", doc);
    }

    private Fixtures.Mail remittanceIban(int i) {
        return base("Remittance advice").text("We have paid invoice " + invoiceNo() + ". Our bank details for future payments: "
                + "IBAN GB82 WEST 1234 5698 7654 32, BIC WESTGB2L." + signature());
    }

    private Fixtures.Mail marketingHtml(int i) {
        return base("Spring offers").html("<html><body><h2>Save 20%</h2><p>Use code SPRING" + digits(4) + " before " + date()
                + ". Call 0800 496 " + digits(4) + " or visit our showroom at " + pick(POSTCODES) + ".</p><p>Order ref "
                + digits(12) + "</p></body></html>");
    }

    private Fixtures.Mail timesheetXlsx(int i) {
        String[][] rows = new String[8][];
        rows[0] = new String[] {"Employee ID", "Week ending", "Hours"};
        for (int r = 1; r < rows.length; r++) {
            rows[r] = new String[] {"E" + digits(6), date(), Integer.toString(20 + rnd.nextInt(20))};
        }
        return base("Timesheets").text("Timesheets attached." + signature()).attach("timesheets.xlsx", "application/octet-stream", Fixtures.xlsx(rows));
    }

    private Fixtures.Mail zippedInvoices(int i) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int k = 0; k < 3; k++) {
            entries.put("invoices/" + invoiceNo() + ".pdf", Fixtures.pdf("Invoice\nDate " + date() + "\nAmount GBP " + rnd.nextInt(999)));
        }
        return base("Invoices for Q" + (1 + i % 4)).text("Zip attached." + signature()).attach("invoices.zip", "application/zip", Fixtures.zip(entries));
    }

    private Fixtures.Mail cardEnding(int i) {
        return base("Payment received").text("We received GBP " + rnd.nextInt(500) + ".00 from the card ending " + digits(4)
                + " on " + date() + ". Receipt number " + digits(12) + "." + signature());
    }

    private Fixtures.Mail travelBooking(int i) {
        return base("Train booking " + digits(8)).text("Booking reference: " + digits(8) + "\nOutbound: " + date() + " 07:15 Leeds to London"
                + "\nCoach C seat " + (1 + rnd.nextInt(70)) + "\nTicket number " + digits(9) + signature());
    }

    private Fixtures.Mail forwardedOrdinary(int i) {
        byte[] inner = base("Room booking").text("Room 2.14 is booked for " + date() + ", booking ref " + digits(8) + "." + signature()).bytes();
        return base("Fwd: Room booking").text("FYI" + signature()).attach("booking.eml", "message/rfc822", inner);
    }

    private Fixtures.Mail csvStock(int i) {
        StringBuilder b = new StringBuilder("sku,location,qty,last_count\n");
        for (int r = 0; r < 8; r++) {
            b.append("SKU").append(digits(7)).append(",A").append(rnd.nextInt(40)).append(',').append(rnd.nextInt(900)).append(',')
                    .append(date()).append('\n');
        }
        return base("Stock count").text("Stock file attached." + signature()).attach("stock.csv", "text/csv", utf8(b.toString()));
    }
}
