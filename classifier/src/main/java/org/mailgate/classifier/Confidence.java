package org.mailgate.classifier;

/** How sure a detector is that a match is the real thing (pattern, checksum, keywords). */
public enum Confidence {
    LOW,
    MEDIUM,
    HIGH;

    static Confidence max(Confidence a, Confidence b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    Confidence raise() {
        return this == LOW ? MEDIUM : HIGH;
    }
}
