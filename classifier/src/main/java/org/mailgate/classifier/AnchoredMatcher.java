package org.mailgate.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tries a detector's pattern only at candidate start positions. Called with increasing
 * positions, it reports the same matches as {@link Matcher#find()} over the whole text would,
 * provided every position where a match could start is offered: lookarounds see the whole text,
 * and a position inside the previous match is skipped as find would skip it.
 */
final class AnchoredMatcher {
    private final Matcher m;
    private final int length;
    private int resumeAt;

    AnchoredMatcher(Pattern pattern, String text) {
        m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        length = text.length();
    }

    /** True if the pattern matches starting exactly at {@code start}; then {@link #match()} holds it. */
    boolean matchesAt(int start) {
        if (start < resumeAt || start < 0 || start >= length) {
            return false;
        }
        m.region(start, length);
        if (!m.lookingAt()) {
            return false;
        }
        resumeAt = m.end() > m.start() ? m.end() : m.end() + 1;
        return true;
    }

    Matcher match() {
        return m;
    }
}
