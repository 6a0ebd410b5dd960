package org.mailgate.classifier;

import java.util.List;

/**
 * Result of classifying one message.
 *
 * @param sensitive   true when {@code level} is MEDIUM or HIGH
 * @param level       overall level from the {@link LevelRule}s in {@link ClassifierSettings}
 * @param findings    what was found, one entry per {@link FindingType}
 * @param unscannable location and reason of each part that could not be scanned,
 *                    e.g. {@code attachment:report.pdf: encrypted}
 */
public record Classification(boolean sensitive, Level level, List<Finding> findings, List<String> unscannable) {
    public Classification {
        findings = List.copyOf(findings);
        unscannable = List.copyOf(unscannable);
    }

    /** The finding of the given type, or null. */
    public Finding finding(FindingType type) {
        for (Finding f : findings) {
            if (f.type() == type) {
                return f;
            }
        }
        return null;
    }

    /** Fail-closed result used when classification itself could not complete (timeout, crashed worker). */
    public static Classification failClosed(String reason) {
        Finding f = new Finding(FindingType.UNSCANNABLE_ATTACHMENT, 1, Confidence.HIGH, List.of("message"), List.of(reason));
        return new Classification(true, Level.HIGH, List.of(f), List.of("message: " + reason));
    }
}
