package org.mailgate.classifier;

/**
 * One match of a detector inside one text segment. {@code key} is the normalised value used to
 * count distinct values; it never leaves the classifier (only {@code masked} does).
 */
record Hit(FindingType type, String key, Confidence confidence, String masked, int start, int end) {
}
