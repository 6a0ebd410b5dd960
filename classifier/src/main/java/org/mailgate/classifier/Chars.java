package org.mailgate.classifier;

/** Character classes as the detectors' patterns define them (ASCII, like {@code [A-Za-z0-9]} and {@code \d}). */
final class Chars {
    private Chars() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    static boolean isAlnum(char c) {
        return isDigit(c) || isLetter(c);
    }

    /** {@code \s}: ASCII whitespace. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** A word character for {@code \b} (Java 17: letters and digits in any script, and '_'). */
    static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** The char at {@code i}, or a space outside the text (so edges behave like a separator). */
    static char at(String s, int i) {
        return i >= 0 && i < s.length() ? s.charAt(i) : ' ';
    }
}
