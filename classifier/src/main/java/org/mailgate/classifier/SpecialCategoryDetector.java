package org.mailgate.classifier;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * UK GDPR special category and criminal offence data. A term alone ("mental health awareness
 * week") is not personal data; it becomes so near a person: a hard identifier (NI/NHS number,
 * date of birth, passport, licence) gives HIGH, a labelled name ("Patient: Jane Smith") or a titled
 * name with an address gives MEDIUM, a titled name alone ("Dr Smith" in a newsletter) only LOW.
 * Must run after the identifier detectors: it reads their hits.
 */
final class SpecialCategoryDetector implements Detector {
    /** Category name (as reported) and its terms. */
    private static final Map<String, Keywords> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("mental health", Keywords.MENTAL_HEALTH);
        CATEGORIES.put("health", Keywords.HEALTH);
        CATEGORIES.put("safeguarding", Keywords.SAFEGUARDING);
        CATEGORIES.put("criminal offence", Keywords.CRIMINAL_OFFENCE);
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
    private static final Pattern LABELLED_NAME = Pattern.compile(
            "(?i:patient|client|child|pupil|service\\s+user|employee|staff\\s+member|name|tenant|applicant)\\s*(?:name)?\\s*[:\\-]\\s*[A-Z][a-z'-]+\\s+[A-Z][a-z'-]+");

    @Override
    public void detect(Scan scan, List<Hit> found) {
        List<Hit> identifiers = List.copyOf(found);
        KeywordIndex keywords = scan.keywords();
        for (Map.Entry<String, Keywords> category : CATEGORIES.entrySet()) {
            Keywords terms = category.getValue();
            Confidence best = null;
            int at = -1;
            int end = -1;
            for (int i = 0; i < keywords.count(terms) && best != Confidence.HIGH; i++) {
                int s = keywords.start(terms, i);
                int e = keywords.end(terms, i);
                Confidence c = confidence(scan, identifiers, s, e);
                if (c != null && (best == null || c.compareTo(best) > 0)) {
                    best = c;
                    at = s;
                    end = e;
                }
            }
            if (best != null) {
                found.add(new Hit(FindingType.SPECIAL_CATEGORY, category.getKey(), best, at, end));
            }
        }
    }

    private static Confidence confidence(Scan scan, List<Hit> identifiers, int start, int end) {
        boolean address = false;
        for (Hit h : identifiers) {
            if (Math.abs(h.start() - start) > scan.window && Math.abs(h.end() - end) > scan.window) {
                continue;
            }
            if (HARD_IDENTIFIERS.contains(h.type())) {
                return Confidence.HIGH;
            }
            address |= h.type() == FindingType.UK_POSTCODE || h.type() == FindingType.UK_BANK_ACCOUNT;
        }
        if (scan.nearExact(LABELLED_NAME, start, end)) {
            return Confidence.MEDIUM;
        }
        if (scan.nearExact(TITLED_NAME, start, end)) {
            // A named person with an address is identifiable; a name alone may be a speaker in a newsletter.
            return address ? Confidence.MEDIUM : Confidence.LOW;
        }
        return address ? Confidence.LOW : null;
    }
}
