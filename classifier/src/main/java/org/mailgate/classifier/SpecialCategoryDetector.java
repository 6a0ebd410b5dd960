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
 * week") is not personal data; it becomes so near a person: a hard identifier (NI/NHS number,
 * date of birth, passport, licence) gives HIGH, a labelled name ("Patient: Jane Smith") or a titled
 * name with an address gives MEDIUM, a titled name alone ("Dr Smith" in a newsletter) only LOW.
 * Must run after the identifier detectors: it reads their hits.
 */
final class SpecialCategoryDetector implements Detector {
    private static final Map<String, Pattern> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("mental health", Scan.keywords(
                "mental\\s+health|depress(?:ion|ive)|anxiety|\\bPTSD\\b|schizophreni|bipolar|self[- ]harm|suicid|eating\\s+disorder"
                        + "|psychiatri|psychosis|sectioned|\\bCAMHS\\b"));
        CATEGORIES.put("health", Scan.keywords(
                "diagnos(?:is|ed)|medical\\s+(?:condition|history|records?)|medication|prescri(?:bed|ption)|\\bcancer\\b|\\bHIV\\b"
                        + "|diabet(?:es|ic)|epilep|chemotherapy|dementia|pregnan|disabilit|\\bdisabled\\b|fit\\s+note|sick\\s+note"
                        + "|sickness\\s+absence|illness|hospital\\s+admission|clinical\\s+notes"));
        CATEGORIES.put("safeguarding", Scan.keywords(
                "safeguarding|child\\s+protection|child\\s+in\\s+need|looked[- ]after\\s+child|care\\s+order|at\\s+risk\\s+of\\s+harm"
                        + "|\\babuse\\b|neglect\\b|domestic\\s+(?:violence|abuse)|sexual\\s+exploitation|\\bMASH\\b|social\\s+worker"));
        CATEGORIES.put("criminal offence", Scan.keywords(
                "criminal\\s+record|convict(?:ed|ion)|arrested|charged\\s+with|\\boffen(?:ce|der)s?\\b|probation|custodial\\s+sentence"
                        + "|police\\s+caution|on\\s+bail\\b"));
        CATEGORIES.put("ethnicity", Scan.keywords("ethnic(?:ity|\\s+origin)|racial\\s+origin"));
        CATEGORIES.put("religion", Scan.keywords(
                "religio(?:n|us\\s+belief)|\\bfaith\\b|\\bmuslim\\b|\\bjewish\\b|\\bhindu\\b|\\bsikh\\b|\\bbuddhist\\b"));
        CATEGORIES.put("sexual orientation", Scan.keywords(
                "sexual\\s+orientation|\\bgay\\b|\\blesbian\\b|\\bbisexual\\b|transgender|gender\\s+reassignment"));
        CATEGORIES.put("trade union", Scan.keywords("trade\\s+union|union\\s+member"));
        CATEGORIES.put("biometric or genetic", Scan.keywords(
                "biometric|fingerprint|genetic|\\bDNA\\b|facial\\s+recognition|retina"));
    }

    /** Literal words each category's pattern needs; a text without any of them is skipped fast. */
    private static final Map<String, LiteralPrefilter> STEMS = new LinkedHashMap<>();

    static {
        CATEGORIES.forEach((name, pattern) -> STEMS.put(name, LiteralPrefilter.of(pattern.pattern())));
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
        for (Map.Entry<String, Pattern> category : CATEGORIES.entrySet()) {
            if (!STEMS.get(category.getKey()).mayOccurIn(scan.lower)) {
                continue;
            }
            Matcher m = category.getValue().matcher(scan.lower);
            Confidence best = null;
            int at = -1;
            int end = -1;
            while (m.find() && best != Confidence.HIGH) {
                Confidence c = confidence(scan, identifiers, m.start(), m.end());
                if (c != null && (best == null || c.compareTo(best) > 0)) {
                    best = c;
                    at = m.start();
                    end = m.end();
                }
            }
            if (best != null) {
                found.add(new Hit(FindingType.SPECIAL_CATEGORY, category.getKey(), best, category.getKey(), at, end));
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
