package org.mailgate.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalised text of one segment plus keyword-proximity helpers shared by the detectors. */
final class Scan {
    final String text;
    final int window;

    Scan(String text, int window) {
        this.text = text;
        this.window = window;
    }

    /** True if {@code keywords} occurs within the keyword window either side of [start, end). */
    boolean near(Pattern keywords, int start, int end) {
        return within(keywords, start - window, end + window);
    }

    /** True if {@code keywords} occurs in the {@code chars} characters before {@code start}. */
    boolean before(Pattern keywords, int start, int chars) {
        return within(keywords, start - chars, start);
    }

    boolean within(Pattern keywords, int from, int to) {
        int a = Math.max(0, from);
        int b = Math.min(text.length(), to);
        if (a >= b) {
            return false;
        }
        Matcher m = keywords.matcher(text);
        m.region(a, b);
        m.useTransparentBounds(true);
        return m.find();
    }

    static Pattern keywords(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
