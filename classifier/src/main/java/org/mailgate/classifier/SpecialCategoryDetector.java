package org.mailgate.classifier;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK GDPR special category and criminal offence data. A term alone ("mental health awareness
 * week") is not personal data; it becomes so when it is said about a person:
 * <ul>
 * <li>HIGH near a hard identifier (NI/NHS number, date of birth, passport, licence);</li>
 * <li>MEDIUM in a statement about a person: the sentence (or table row) names someone, or refers
 * by pronoun to someone named earlier in the paragraph, or the paragraph has a labelled name
 * ("Patient: Jane Smith");</li>
 * <li>LOW with only a titled name nearby ("Dr Smith" in a newsletter).</li>
 * </ul>
 * A term that is part of a job title, a team or service name, or a leaflet or training course
 * ("Mental Health Social Worker", "Safeguarding Team", "dementia awareness training") is not a
 * statement about anyone. Must run after the identifier detectors: it reads their hits.
 */
final class SpecialCategoryDetector implements Detector {
    /** Category name (as reported) and its terms. */
    private static final Map<String, Keywords> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("mental health", Keywords.MENTAL_HEALTH);
        CATEGORIES.put("health", Keywords.HEALTH);
        CATEGORIES.put("safeguarding", Keywords.SAFEGUARDING);
        CATEGORIES.put("criminal offence", Keywords.CRIMINAL_OFFENCE);
        CATEGORIES.put("SEN or disability", Keywords.SEN_DISABILITY);
        CATEGORIES.put("ethnicity", Keywords.ETHNICITY);
        CATEGORIES.put("religion", Keywords.RELIGION);
        CATEGORIES.put("sexual orientation", Keywords.SEXUAL_ORIENTATION);
        CATEGORIES.put("trade union", Keywords.TRADE_UNION);
        CATEGORIES.put("biometric or genetic", Keywords.BIOMETRIC_OR_GENETIC);
    }

    private static final Set<FindingType> HARD_IDENTIFIERS = EnumSet.of(FindingType.UK_NINO, FindingType.UK_NHS_NUMBER,
            FindingType.DATE_OF_BIRTH, FindingType.UK_PASSPORT, FindingType.UK_DRIVING_LICENCE);
    private static final Pattern TITLED_NAME = Pattern.compile(
            "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\\.?\\s+[A-Z][a-z'-]+");
    /**
     * After a term: the rest of a job title, team, service, course or leaflet ("… Social Worker",
     * "… Team", "… awareness week"). Capitalised words may stand between ("Mental Health Liaison Nurse").
     */
    private static final Pattern ROLE_AFTER = Pattern.compile("^[\\w'-]*[ \\t]*(?:(?:and|&)[ \\t]+[A-Z][\\w-]*[ \\t]+)?"
            + "(?:[A-Z][\\w-]*[ \\t]+){0,3}(?:(?:testing|support|awareness|liaison|advice|information|screening|specialist"
            + "|community|prevention|inclusion|wellbeing|well-being|drop-in|peer|carers|checks?)[ \\t]+)?(?i:team|teams|form|forms|application|applications|renewal|renewals"
            + "|process|portal|system|session|sessions|event|events|group|groups|friends|walk|fundraiser|appeal|lead|leads|officer|officers|worker|workers|social worker|nurse|nurses"
            + "|practitioner|practitioners|service|services|board|hub|partnership|awareness|week|month|day|policy|policies"
            + "|training|champion|champions|first aider|first aiders|unit|manager|managers|coordinator|co-ordinator|adviser"
            + "|advisor|panel|forum|network|strategy|leaflet|leaflets|course|courses|conference|webinar|newsletter|campaign"
            + "|charity|commission|act|guidance|procedure|procedures|procedure|toolkit|e-learning|module|audit|framework"
            + "|directorate|department|lead officer|matters|support line|helpline|referral form|form|hotline|poster|posters"
            + "|champions|network|check policy|checks policy|research|seminar|talk|talks|study|studies|lecture)\\b");
    /** Before a term: "Head of …", "Director for …", "the … Team" style titles and services. */
    private static final Pattern ROLE_BEFORE = Pattern.compile("(?:\\b(?:Head|Director|Lead|Manager|Team|Service|Officer"
            + "|Department|Board|Minister|Cabinet Member|Portfolio Holder)[ \\t]+(?:of|for)[ \\t]+(?:[A-Z][\\w-]*[ \\t]+)*"
            + "|(?i:\\b(?:leaflets?|training|course|awareness|information|policy|guidance)[ \\t]+(?:on|about|for)?[ \\t]*)"
            // a speaker's topic: "Dr Patel will speak about depression research"
            + "|(?i:\\b(?:speak|speaks|speaking|talk|talks|talking|present|presents|presenting|lecture|lectures)[ \\t]+(?:about|on)"
            + "[ \\t]+))$");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        List<Hit> identifiers = List.copyOf(found);
        KeywordIndex keywords = scan.keywords();
        for (Map.Entry<String, Keywords> category : CATEGORIES.entrySet()) {
            Keywords terms = category.getValue();
            Confidence best = null;
            String bestRule = null;
            int at = -1;
            int end = -1;
            for (int i = 0; i < keywords.count(terms) && best != Confidence.HIGH; i++) {
                int s = keywords.start(terms, i);
                int e = keywords.end(terms, i);
                if (partOfName(scan.text, s, e)) {
                    continue;
                }
                String[] rule = new String[1];
                Confidence c = confidence(scan, identifiers, s, e, rule);
                if (c != null && (best == null || c.compareTo(best) > 0)) {
                    best = c;
                    bestRule = rule[0];
                    at = s;
                    end = e;
                }
            }
            if (best != null) {
                found.add(new Hit(FindingType.SPECIAL_CATEGORY, category.getKey(), best, at, end,
                        category.getKey() + " term " + bestRule));
            }
        }
    }

    /** The term is part of a job title, a team, a service or a course, not said about someone. */
    static boolean partOfName(String text, int start, int end) {
        String after = text.substring(end, Math.min(text.length(), end + 60));
        if (ROLE_AFTER.matcher(after).find()) {
            return true;
        }
        String before = text.substring(Math.max(0, start - 50), start);
        return ROLE_BEFORE.matcher(before).find();
    }

    private static Confidence confidence(Scan scan, List<Hit> identifiers, int start, int end, String[] rule) {
        boolean address = false;
        for (Hit h : identifiers) {
            if (Math.abs(h.start() - start) > scan.window && Math.abs(h.end() - end) > scan.window) {
                continue;
            }
            if (HARD_IDENTIFIERS.contains(h.type())) {
                rule[0] = "near a " + h.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                return Confidence.HIGH;
            }
            address |= h.type() == FindingType.UK_POSTCODE || h.type() == FindingType.UK_BANK_ACCOUNT;
        }
        String text = scan.text;
        TextUnits.Unit sentence = TextUnits.sentence(text, start, end);
        TextUnits.Unit paragraph = TextUnits.paragraph(text, start, end);
        People.Mention person = People.about(text, sentence, paragraph);
        if (person != null) {
            rule[0] = "said about a person (" + person.how() + ")";
            return Confidence.MEDIUM;
        }
        People.Mention labelled = People.labelled(text, paragraph.start(), paragraph.end());
        if (labelled != null) {
            rule[0] = "in the paragraph of a labelled name";
            return Confidence.MEDIUM;
        }
        if (scan.nearExact(TITLED_NAME, start, end)) {
            rule[0] = "near a titled name";
            // A named person with an address is identifiable; a name alone may be a speaker in a newsletter.
            return address ? Confidence.MEDIUM : Confidence.LOW;
        }
        rule[0] = "near an address";
        return address ? Confidence.LOW : null;
    }
}
