package org.mailgate.classifier;

/** Overall sensitivity of a message; MEDIUM and HIGH make it {@code sensitive}. */
public enum Level {
    NONE,
    LOW,
    MEDIUM,
    HIGH;

    static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
