package org.mailgate.classifier;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns located hits into findings (distinct values per type) and applies the level rules. */
final class Scorer {
    private static final int MAX_SAMPLES = 3;
    private static final int MAX_LOCATIONS = 20;
    static final int MAX_EVIDENCE = 3;
    /** Identifiers that single out a person; many of them make a message bulk personal data. */
    private static final Set<FindingType> PERSONAL_IDENTIFIERS = EnumSet.of(FindingType.UK_NINO, FindingType.UK_NHS_NUMBER,
            FindingType.PAYMENT_CARD, FindingType.UK_BANK_ACCOUNT, FindingType.UK_PASSPORT, FindingType.UK_DRIVING_LICENCE,
            FindingType.DATE_OF_BIRTH);
    /** Types that together (three or more kinds) describe one person: name + DOB + address + phone. */
    private static final Set<FindingType> PROFILE_TYPES = EnumSet.of(FindingType.UK_NINO, FindingType.UK_NHS_NUMBER,
            FindingType.PAYMENT_CARD, FindingType.UK_BANK_ACCOUNT, FindingType.UK_PASSPORT, FindingType.UK_DRIVING_LICENCE,
            FindingType.DATE_OF_BIRTH, FindingType.UK_POSTCODE, FindingType.UK_PHONE, FindingType.IBAN);

    private final ClassifierSettings settings;

    Scorer(ClassifierSettings settings) {
        this.settings = settings;
    }

    /** A hit, where it was found, and its evidence if one was made for it (null for most). */
    record Located(Hit hit, String location, Evidence evidence) {
    }

    /** Decides which hits get an evidence snippet: the first {@link #MAX_EVIDENCE} distinct values of each type. */
    static final class EvidenceBudget {
        /** Per type, the keys given evidence so far (at most {@link #MAX_EVIDENCE}). */
        private final List<List<String>> made = new ArrayList<>();

        EvidenceBudget() {
            for (int t = 0; t < FindingType.values().length; t++) {
                made.add(new ArrayList<>(MAX_EVIDENCE));
            }
        }

        boolean wants(Hit h) {
            List<String> keys = made.get(h.type().ordinal());
            if (keys.size() >= MAX_EVIDENCE || keys.contains(h.key())) {
                return false;
            }
            keys.add(h.key());
            return true;
        }
    }

    private static final class Values {
        /** Each distinct value's highest confidence so far. */
        final Map<String, Confidence> byKey;
        /** How many distinct values have each confidence, kept as values are added (the rules ask often). */
        final int[] atConfidence = new int[Confidence.values().length];
        final Set<String> locations = new LinkedHashSet<>();
        final List<String> samples = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();

        /** {@code hits}: how many will be added, an upper bound of the distinct values (so the map never grows). */
        Values(int hits) {
            byKey = new HashMap<>(Math.max(16, (int) (hits / 0.75f) + 1));
        }

        void add(Hit h, String location, Evidence e) {
            if (e != null && evidence.size() < MAX_EVIDENCE) {
                evidence.add(e);
            }
            Confidence old = byKey.putIfAbsent(h.key(), h.confidence());
            if (old == null) {
                atConfidence[h.confidence().ordinal()]++;
            } else if (h.confidence().compareTo(old) > 0) {
                byKey.put(h.key(), h.confidence());
                atConfidence[old.ordinal()]--;
                atConfidence[h.confidence().ordinal()]++;
            }
            if (locations.size() < MAX_LOCATIONS) {
                locations.add(location); // a set: most hits repeat a location
            }
            if (old == null && samples.size() < MAX_SAMPLES && !samples.contains(h.masked())) {
                samples.add(h.masked());
            }
        }

        /** Distinct values with at least confidence {@code min}. */
        int count(Confidence min) {
            int n = 0;
            for (int c = min.ordinal(); c < atConfidence.length; c++) {
                n += atConfidence[c];
            }
            return n;
        }

        Confidence max() {
            for (int c = atConfidence.length - 1; c > 0; c--) {
                if (atConfidence[c] > 0) {
                    return Confidence.values()[c];
                }
            }
            return Confidence.LOW;
        }
    }

    /** The reason of an unscannable entry "LOCATION: REASON", shown as its sample. */
    static String unscannableReason(String entry) {
        int colon = entry.lastIndexOf(": ");
        return colon > 0 ? entry.substring(colon + 2) : "unscannable";
    }

    Classification score(List<Located> hits, List<String> unscannable) {
        int[] perType = new int[FindingType.values().length];
        for (Located l : hits) {
            perType[l.hit().type().ordinal()]++;
        }
        perType[FindingType.UNSCANNABLE_ATTACHMENT.ordinal()] += unscannable.size();
        Map<FindingType, Values> byType = new EnumMap<>(FindingType.class);
        for (Located l : hits) {
            byType.computeIfAbsent(l.hit().type(), t -> new Values(perType[t.ordinal()])).add(l.hit(), l.location(), l.evidence());
        }
        for (String u : unscannable) {
            int colon = u.lastIndexOf(": ");
            String location = colon > 0 ? u.substring(0, colon) : u;
            byType.computeIfAbsent(FindingType.UNSCANNABLE_ATTACHMENT, t -> new Values(perType[t.ordinal()]))
                    .add(new Hit(FindingType.UNSCANNABLE_ATTACHMENT, u, Confidence.HIGH, 0, 0), location,
                            new Evidence(unscannableReason(u), "a part that cannot be scanned fails closed"));
        }

        Level level = Level.NONE;
        for (LevelRule rule : settings.levelRules()) {
            Values v = byType.get(rule.type());
            if (v != null && v.count(rule.minConfidence()) >= rule.minCount()) {
                level = Level.max(level, rule.level());
            }
        }
        int personal = 0;
        int profileKinds = 0;
        for (Map.Entry<FindingType, Values> e : byType.entrySet()) {
            if (PERSONAL_IDENTIFIERS.contains(e.getKey())) {
                personal += e.getValue().count(Confidence.MEDIUM);
            }
            if (PROFILE_TYPES.contains(e.getKey()) && e.getValue().count(Confidence.MEDIUM) > 0) {
                profileKinds++;
            }
        }
        if (personal >= settings.bulkIdentifierCount()) {
            level = Level.max(level, settings.bulkLevel());
        }
        if (profileKinds >= 3) {
            level = Level.max(level, Level.MEDIUM);
        }

        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<FindingType, Values> e : byType.entrySet()) {
            Values v = e.getValue();
            findings.add(new Finding(e.getKey(), v.byKey.size(), v.max(), List.copyOf(v.locations), List.copyOf(v.samples),
                    List.copyOf(v.evidence)));
        }
        return new Classification(level.compareTo(Level.MEDIUM) >= 0, level, findings, unscannable);
    }
}
