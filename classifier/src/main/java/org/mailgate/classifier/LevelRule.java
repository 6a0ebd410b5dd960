package org.mailgate.classifier;

/**
 * "If a finding of {@code type} has at least {@code minCount} distinct values of at least
 * {@code minConfidence}, the message is at least {@code level}." The message level is the
 * highest level of all rules that fire.
 */
public record LevelRule(FindingType type, Confidence minConfidence, int minCount, Level level) {
    public LevelRule {
        if (type == null || minConfidence == null || level == null || minCount < 1) {
            throw new IllegalArgumentException("invalid level rule");
        }
    }
}
