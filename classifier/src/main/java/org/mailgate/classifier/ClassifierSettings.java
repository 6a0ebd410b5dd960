package org.mailgate.classifier;

import java.util.List;

/**
 * Limits and thresholds for the classifier. Every limit exists because mail is hostile input:
 * a limit that is hit makes the affected part UNSCANNABLE (fail closed), it never crashes the caller.
 *
 * @param maxMessageBytes     largest message accepted at all (bytes); larger is unscannable
 * @param maxPartBytes        largest decoded attachment, embedded document or archive entry (bytes)
 * @param maxExtractedChars   total characters of text extracted per message
 * @param maxDepth            nesting depth (message → attachment → zip entry → embedded doc …)
 * @param maxArchiveEntries   archive entries per message, across all archives
 * @param maxExpansionRatio   uncompressed/compressed ratio above which an archive is a zip bomb
 * @param maxTimeMillis       time per message; in-process it is checked between parts, the
 *                            {@link IsolatedClassifier} enforces it by killing the worker
 * @param keywordWindow       characters either side of a match searched for context keywords
 * @param bulkIdentifierCount distinct personal identifiers (NINO, NHS, card, bank, passport,
 *                            licence, DOB) at which a message counts as bulk personal data
 * @param bulkLevel           level given to bulk personal data
 * @param levelRules          rules mapping findings to a level; see {@link #defaultRules()}
 * @param workers             child JVMs kept by {@link IsolatedClassifier}
 * @param workerMaxHeap       -Xmx of each child JVM, e.g. "512m"
 */
public record ClassifierSettings(
        long maxMessageBytes,
        long maxPartBytes,
        int maxExtractedChars,
        int maxDepth,
        int maxArchiveEntries,
        int maxExpansionRatio,
        long maxTimeMillis,
        int keywordWindow,
        int bulkIdentifierCount,
        Level bulkLevel,
        List<LevelRule> levelRules,
        int workers,
        String workerMaxHeap) {

    public ClassifierSettings {
        levelRules = List.copyOf(levelRules);
        if (maxMessageBytes <= 0 || maxPartBytes <= 0 || maxExtractedChars <= 0 || maxDepth <= 0
                || maxArchiveEntries <= 0 || maxExpansionRatio <= 0 || maxTimeMillis <= 0
                || keywordWindow < 0 || bulkIdentifierCount <= 0 || workers <= 0) {
            throw new IllegalArgumentException("classifier limits must be positive");
        }
    }

    public static ClassifierSettings defaults() {
        return new ClassifierSettings(
                64L * 1024 * 1024,
                32L * 1024 * 1024,
                2_000_000,
                8,
                1_000,
                100,
                30_000,
                300,
                10,
                Level.HIGH,
                defaultRules(),
                2,
                "512m");
    }

    /**
     * Default level rules. Why each one:
     * unscannable content and protective markings fail closed to HIGH; national identifiers and
     * payment cards are HIGH when their context confirms them; a lone postcode, phone number or
     * IBAN (every supplier invoice has one) is only LOW; many of them make a list of people (MEDIUM);
     * an IBAN about a person (a payment to them) is HIGH, and a phone number that is a person's own
     * (a labelled mobile or home number of a named person) MEDIUM.
     */
    public static List<LevelRule> defaultRules() {
        return List.of(
                new LevelRule(FindingType.UNSCANNABLE_ATTACHMENT, Confidence.LOW, 1, Level.HIGH),
                new LevelRule(FindingType.PROTECTIVE_MARKING, Confidence.LOW, 1, Level.HIGH),
                new LevelRule(FindingType.UK_NINO, Confidence.MEDIUM, 1, Level.MEDIUM),
                new LevelRule(FindingType.UK_NINO, Confidence.HIGH, 1, Level.HIGH),
                new LevelRule(FindingType.UK_NHS_NUMBER, Confidence.LOW, 1, Level.LOW),
                new LevelRule(FindingType.UK_NHS_NUMBER, Confidence.MEDIUM, 1, Level.MEDIUM),
                new LevelRule(FindingType.UK_NHS_NUMBER, Confidence.HIGH, 1, Level.HIGH),
                new LevelRule(FindingType.PAYMENT_CARD, Confidence.LOW, 1, Level.LOW),
                new LevelRule(FindingType.PAYMENT_CARD, Confidence.MEDIUM, 1, Level.HIGH),
                new LevelRule(FindingType.UK_BANK_ACCOUNT, Confidence.MEDIUM, 1, Level.MEDIUM),
                new LevelRule(FindingType.UK_BANK_ACCOUNT, Confidence.HIGH, 1, Level.HIGH),
                new LevelRule(FindingType.IBAN, Confidence.LOW, 1, Level.LOW),
                new LevelRule(FindingType.IBAN, Confidence.MEDIUM, 5, Level.MEDIUM),
                new LevelRule(FindingType.IBAN, Confidence.HIGH, 1, Level.HIGH),
                new LevelRule(FindingType.UK_PASSPORT, Confidence.MEDIUM, 1, Level.MEDIUM),
                new LevelRule(FindingType.UK_PASSPORT, Confidence.HIGH, 1, Level.HIGH),
                new LevelRule(FindingType.UK_DRIVING_LICENCE, Confidence.MEDIUM, 1, Level.MEDIUM),
                new LevelRule(FindingType.UK_DRIVING_LICENCE, Confidence.HIGH, 1, Level.HIGH),
                new LevelRule(FindingType.DATE_OF_BIRTH, Confidence.MEDIUM, 1, Level.MEDIUM),
                new LevelRule(FindingType.DATE_OF_BIRTH, Confidence.MEDIUM, 5, Level.HIGH),
                new LevelRule(FindingType.UK_POSTCODE, Confidence.LOW, 1, Level.LOW),
                new LevelRule(FindingType.UK_POSTCODE, Confidence.LOW, 10, Level.MEDIUM),
                new LevelRule(FindingType.UK_PHONE, Confidence.LOW, 1, Level.LOW),
                new LevelRule(FindingType.UK_PHONE, Confidence.MEDIUM, 10, Level.MEDIUM),
                new LevelRule(FindingType.UK_PHONE, Confidence.HIGH, 1, Level.MEDIUM),
                new LevelRule(FindingType.SPECIAL_CATEGORY, Confidence.LOW, 1, Level.LOW),
                new LevelRule(FindingType.SPECIAL_CATEGORY, Confidence.MEDIUM, 1, Level.MEDIUM),
                new LevelRule(FindingType.SPECIAL_CATEGORY, Confidence.HIGH, 1, Level.HIGH));
    }

    public ClassifierSettings withMaxTimeMillis(long millis) {
        return new ClassifierSettings(maxMessageBytes, maxPartBytes, maxExtractedChars, maxDepth, maxArchiveEntries,
                maxExpansionRatio, millis, keywordWindow, bulkIdentifierCount, bulkLevel, levelRules, workers, workerMaxHeap);
    }

    public ClassifierSettings withMaxExtractedChars(int chars) {
        return new ClassifierSettings(maxMessageBytes, maxPartBytes, chars, maxDepth, maxArchiveEntries,
                maxExpansionRatio, maxTimeMillis, keywordWindow, bulkIdentifierCount, bulkLevel, levelRules, workers, workerMaxHeap);
    }

    public ClassifierSettings withMaxArchiveEntries(int entries) {
        return new ClassifierSettings(maxMessageBytes, maxPartBytes, maxExtractedChars, maxDepth, entries,
                maxExpansionRatio, maxTimeMillis, keywordWindow, bulkIdentifierCount, bulkLevel, levelRules, workers, workerMaxHeap);
    }

    public ClassifierSettings withWorkers(int count) {
        return new ClassifierSettings(maxMessageBytes, maxPartBytes, maxExtractedChars, maxDepth, maxArchiveEntries,
                maxExpansionRatio, maxTimeMillis, keywordWindow, bulkIdentifierCount, bulkLevel, levelRules, count, workerMaxHeap);
    }

    public ClassifierSettings withLevelRules(List<LevelRule> rules) {
        return new ClassifierSettings(maxMessageBytes, maxPartBytes, maxExtractedChars, maxDepth, maxArchiveEntries,
                maxExpansionRatio, maxTimeMillis, keywordWindow, bulkIdentifierCount, bulkLevel, rules, workers, workerMaxHeap);
    }
}
