package org.mailgate.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People mentioned in a stretch of text: a titled name ("Mrs Hussain", "Dr. A. Khan"), a
 * labelled name ("Patient: Jane Smith", "Child's name - Leo"), a given name and a surname
 * ("Olivia Brown", given names from {@code given-names.txt}), or a given name alone ("Hi Sue,")
 * unless that name is also a common word ("May", "Will", "Grace"). Organisations, teams, streets
 * and services are not people: "Victoria Road", "Grace Court" and "Jordan Ltd" are not names.
 * Asked only about small ranges around candidate identifiers and special-category terms.
 */
final class People {
    /** Kinds of mention, as rule names in evidence. */
    static final String TITLED = "titled name";
    static final String LABELLED = "labelled name";
    static final String FULL = "given name and surname";
    static final String FIRST = "given name";

    /** A person mentioned at [start, end); {@code name} is the given name if known (for follow-ups), else null. */
    record Mention(int start, int end, String how, String name) {
    }

    private static final Set<String> GIVEN = load();
    /** Given names that are also everyday words: counted only with a surname or a title. */
    private static final Set<String> AMBIGUOUS = Set.of("Art", "Bill", "Chase", "Dean", "Grace", "Hope", "June", "King",
            "Lane", "Long", "Love", "Major", "Mark", "May", "Page", "Ray", "Rich", "Royal", "Will", "Young", "Joy", "Faith",
            "Rose", "Holly", "Ivy", "Summer", "Autumn", "April", "August", "Sunday", "Monday", "Friday", "Christian",
            "Penny", "Sky", "Star", "Miles", "Precious", "Sterling",
            "Case", "Ward", "Cliff", "Dale", "Glen", "Heath", "Lincoln", "Chester", "Kent", "Derby", "Wade", "Woody",
            "Buck", "Sandy", "Rocky", "Lee", "Gay", "Dawn", "Eve", "Sherry", "Brandy", "Crystal", "Diamond", "Pearl",
            "Ruby", "Amber", "Jade", "Olive", "Iris", "Daisy", "Hazel", "Violet", "Jasmine", "Heather", "Marina",
            "Florence", "Madison", "Jordan", "Chelsea", "Paris", "Sydney", "Victoria", "Adelaide", "Austin", "Houston",
            "Dallas", "Phoenix", "Mercedes", "Benefit", "Grant", "Patience", "Temperance", "Trinity",
            "Unity", "Liberty", "Justice", "Honor", "Honour", "Merry", "Sol", "Son", "Don", "Al", "Jan", "Bo", "Le", "La",
            "Van", "Del", "Von", "Ma", "Ima", "My",
            "Contact", "Team", "Staff", "Patient", "Client");
    /** Words after a given name that make it an organisation, a place or a thing, not a person. */
    private static final Set<String> NOT_SURNAME = Set.of("Council", "Borough", "County", "Street", "Road", "Lane",
            "Avenue", "Close", "Drive", "Court", "Way", "Place", "Square", "Gardens", "Crescent", "Terrace", "Park",
            "House", "Hall", "Centre", "Center", "Building", "Unit", "Office", "Offices", "Team", "Teams", "Service",
            "Services", "Ltd", "Limited", "Plc", "Trust", "Hospital", "School", "Academy", "College", "University",
            "Church", "Group", "Partnership", "Board", "Week", "Day", "Ward", "Surgery", "Clinic", "Practice", "Hub",
            "Station", "Project", "Programme", "Scheme", "Fund", "Foundation", "Homes", "Housing", "Care",
            "Nursery", "Library", "Museum", "Theatre", "Stadium", "Hotel", "Inn", "Lodge", "Cottage", "Farm", "Green",
            "Hill", "Bridge", "Estate", "Primary", "Infant", "Junior", "High", "Medical", "Health", "Dental");

    /** "Smith", "O'Brien", "McDonald", "Ridley-Jones". */
    private static final String NAME_WORD = "(?:[A-Z]['\u2019])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?";
    private static final Pattern TITLED_NAME = Pattern.compile(
            "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\\.?[ \\t]+(?:[A-Z]\\.?[ \\t]+)?(" + NAME_WORD + ")(?:[ \\t]+(" + NAME_WORD + "))?");
    private static final Pattern LABELLED_NAME = Pattern.compile(
            "(?i:\\b(?:patient|client|child|child's|young person|pupil|student|service user|resident|tenant|applicant|claimant"
                    + "|employee|staff member|customer|person|mother|father|parent|carer|victim|subject|full|his|her))"
                    + "(?i:[ \\t]+name)?[ \\t]*[:\\-\u2013][ \\t]*(" + NAME_WORD + ")(?:[ \\t]+(" + NAME_WORD + "))?"
                    + "|(?i:\\bname)[ \\t]*:[ \\t]*(" + NAME_WORD + ")[ \\t]+(" + NAME_WORD + ")");
    private static final Pattern CAPITALISED = Pattern.compile("\\b(" + NAME_WORD + ")(?:[ \\t]+(?:[A-Z]\\.?[ \\t]+)?("
            + NAME_WORD + "))?");
    /** A reference back to someone already named: a pronoun, or "the claimant", "the child's". */
    private static final Pattern PRONOUN = Pattern.compile("(?i)\\b(?:he|she|him|her|his|hers|himself|herself|they|them|their"
            + "|the (?:claimant|client|tenant|resident|applicant|patient|pupil|child|young person|service user|employee)(?:'s)?)\\b");
    private static final Pattern COMPANY_AFTER = Pattern.compile("^[ \\t]*(?:&[ \\t]*\\w+[ \\t]*)?(?:Ltd|Limited|plc|PLC|LLP|Inc|& Sons|and Sons)\\b");

    private People() {
    }

    /** The first person mentioned inside [from, to) of {@code text}, or null. */
    static Mention first(String text, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(text.length(), to);
        // The regexes run only where they could match: a label needs a ':' or dash, a title its word.
        Mention best = null;
        if (has(text, from, to, ':', '-', '\u2013')) {
            best = match(LABELLED_NAME, LABELLED, text, from, to);
        }
        if (hasTitle(text, from, best == null ? to : best.start())) {
            Mention titled = match(TITLED_NAME, TITLED, text, from, best == null ? to : best.start());
            best = titled != null ? titled : best;
        }
        int limit = best == null ? to : best.start();
        // given names: a capitalised word the list knows, then the regex at that word only
        for (int i = from; i < limit; i++) {
            if (!Character.isUpperCase(text.charAt(i)) || i > 0 && Character.isLetter(text.charAt(i - 1))) {
                continue;
            }
            int e = i + 1;
            while (e < text.length() && Character.isLowerCase(text.charAt(e))) {
                e++;
            }
            if (e > i + 1 && GIVEN.contains(text.substring(i, e))) {
                Matcher m = region(CAPITALISED, text, i, limit);
                if (m.lookingAt()) {
                    Mention plain = plain(text, m);
                    if (plain != null) {
                        return plain;
                    }
                }
            }
            i = e - 1;
        }
        return best;
    }

    private static Mention match(Pattern p, String how, String text, int from, int to) {
        Matcher m = region(p, text, from, to);
        return m.find() ? new Mention(m.start(), m.end(), how, givenOf(m)) : null;
    }

    private static boolean has(String text, int from, int to, char a, char b, char c) {
        for (int i = from; i < to; i++) {
            char x = text.charAt(i);
            if (x == a || x == b || x == c) {
                return true;
            }
        }
        return false;
    }

    /** "Mr", "Mrs", "Ms", "Mx", "Miss", "Master", "Dr" start somewhere in [from, to). */
    private static boolean hasTitle(String text, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            char c = text.charAt(i);
            char n = text.charAt(i + 1);
            if (c == 'M' && (n == 'r' || n == 's' || n == 'x' || n == 'i' || n == 'a') || c == 'D' && n == 'r') {
                return true;
            }
        }
        return false;
    }

    /** Every person mentioned inside [from, to), in text order (for masking a snippet). */
    static java.util.List<Mention> all(String text, int from, int to) {
        java.util.List<Mention> out = new java.util.ArrayList<>();
        int at = from;
        Mention m;
        while (at < to && (m = first(text, at, to)) != null) {
            out.add(m);
            at = m.end();
        }
        return out;
    }

    /**
     * A person the range [from, to) is about: one mentioned in it, or, if the range mentions a
     * pronoun or a given name of someone introduced earlier in {@code context} (its paragraph),
     * that person. Null if none.
     */
    static Mention about(String text, TextUnits.Unit range, TextUnits.Unit context) {
        for (Mention in : all(text, range.start(), range.end())) {
            if (!contact(text, in)) {
                return in;
            }
        }
        Mention column = inNameColumn(text, range);
        if (column != null) {
            return column;
        }
        if (context.start() >= range.start()) {
            return null;
        }
        Mention earlier = null;
        for (Mention m : all(text, context.start(), range.start())) {
            earlier = m;
        }
        if (earlier == null) {
            return null;
        }
        if (region(PRONOUN, text, range.start(), range.end()).find()) {
            return new Mention(earlier.start(), earlier.end(), "pronoun after a " + earlier.how(), earlier.name());
        }
        // "Client: Zoltan Abara … Zoltan said": the first name again, even if the list does not know it
        if (earlier.name() != null && region(Pattern.compile("\\b" + Pattern.quote(earlier.name()) + "\\b"), text,
                range.start(), range.end()).find()) {
            return new Mention(earlier.start(), earlier.end(), "first name after a " + earlier.how(), earlier.name());
        }
        return null;
    }

    private static final Pattern NAME_COLUMN = Pattern.compile("(?i)(?:full |first |client |patient |child's |pupil )?(?:name|names"
            + "|client|patient|pupil|child|service user|resident|tenant|employee|volunteer|claimant|applicant|young person)");

    /** In a table row: the cell under a column headed Name, Client, Patient, Pupil… (any name, listed or not). */
    private static Mention inNameColumn(String text, TextUnits.Unit range) {
        // a CSV "sentence" may run over several rows: each row in it, a few at most
        int at = range.start();
        for (int rows = 0; rows < 20 && at < range.end(); rows++) {
            TextUnits.Unit row = TextUnits.line(text, at, at);
            Mention m = nameCellOf(text, row);
            if (m != null) {
                return m;
            }
            at = row.end() + 1;
        }
        return null;
    }

    private static Mention nameCellOf(String text, TextUnits.Unit row) {
        java.util.List<TextUnits.Unit> cells = TextUnits.cellsOf(text, row);
        if (cells.size() < 2) {
            return null;
        }
        TextUnits.Header header = TextUnits.header(text, row.start(), 200);
        if (header == null || header.isHeaderRow()) {
            return null;
        }
        java.util.List<TextUnits.Unit> titles = TextUnits.cellsOf(text, header.line());
        for (int k = 0; k < Math.min(cells.size(), titles.size()); k++) {
            TextUnits.Unit title = titles.get(k);
            TextUnits.Unit cell = cells.get(k);
            if (NAME_COLUMN.matcher(text.substring(title.start(), title.end())).matches() && cell.end() > cell.start()
                    && Character.isUpperCase(text.charAt(cell.start()))) {
                return new Mention(cell.start(), cell.end(), "name column", null);
            }
        }
        return null;
    }

    /** Someone to ask or tell ("ask Priya on reception", "email Tom Reed"): a contact, not whom the sentence is about. */
    private static boolean contact(String text, Mention m) {
        if (!m.how().equals(FIRST) && !m.how().equals(FULL)) {
            return false;
        }
        return CONTACT_BEFORE.matcher(text.substring(Math.max(0, m.start() - 20), m.start())).find();
    }

    private static final Pattern CONTACT_BEFORE = Pattern.compile(
            "(?i)\\b(?:ask|contact|email|e-mail|call|ring|phone|tell|speak to|talk to|see|cc|via|thanks|thank you|from)[ \\t]+$");

    /** A labelled name ("Patient: …") anywhere in [from, to), or null. */
    static Mention labelled(String text, int from, int to) {
        Matcher m = region(LABELLED_NAME, text, from, to);
        return m.find() ? new Mention(m.start(), m.end(), LABELLED, givenOf(m)) : null;
    }

    private static Mention plain(String text, Matcher m) {
        String given = m.group(1);
        String surname = m.group(2);
        if (!GIVEN.contains(given)) {
            return null;
        }
        if (surname != null && !NOT_SURNAME.contains(surname) && !GIVEN_ONLY_WORDS.contains(surname)
                && !COMPANY_AFTER.matcher(text.substring(m.end(), Math.min(text.length(), m.end() + 12))).find()) {
            return new Mention(m.start(), m.end(), FULL, given);
        }
        if (AMBIGUOUS.contains(given) || surname != null && NOT_SURNAME.contains(surname)) {
            return null;
        }
        return new Mention(m.start(), m.start() + given.length(), FIRST, given);
    }

    /** Capitalised words that follow a name without being a surname ("Sue Please", "Jane From"). */
    private static final Set<String> GIVEN_ONLY_WORDS = Set.of("Please", "Thanks", "Thank", "From", "To", "Re", "Fwd",
            "Subject", "Sent", "Cc", "The", "And", "Or", "Of", "In", "On", "At", "For", "With", "Is", "Has", "Was", "Will",
            "Can", "Could", "Would", "Should", "Kind", "Regards", "Best", "Many", "Dear", "Hi", "Hello");

    private static String givenOf(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }

    private static Matcher region(Pattern p, String text, int from, int to) {
        Matcher m = p.matcher(text);
        m.region(Math.max(0, from), Math.min(text.length(), Math.max(from, to)));
        m.useTransparentBounds(true);
        return m;
    }

    private static Set<String> load() {
        Set<String> names = new HashSet<>();
        try (InputStream in = People.class.getResourceAsStream("given-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("given-names.txt missing from the classifier jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
