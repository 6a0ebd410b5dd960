package org.mailgate.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal words that must appear for an alternation of keywords to match, e.g.
 * {@code mental\s+health|depress(?:ion|ive)} needs "mental" or "depress". Checking them with
 * {@link String#indexOf} (vectorised by the JVM) lets a text without any of them skip the
 * regex entirely; most mail contains none of the special-category terms.
 */
final class LiteralPrefilter {

    private static final int MIN_STEM = 3;
    private final List<String> stems;

    private LiteralPrefilter(List<String> stems) {
        this.stems = stems;
    }

    /** Null stems means "cannot tell": the regex always runs. */
    static LiteralPrefilter of(String lowerRegex) {
        List<String> stems = new ArrayList<>();
        for (String alternative : topLevelAlternatives(lowerRegex)) {
            String stem = leadingLiteral(alternative);
            if (stem.length() < MIN_STEM) {
                return new LiteralPrefilter(null);
            }
            stems.add(stem);
        }
        return new LiteralPrefilter(List.copyOf(stems));
    }

    boolean mayOccurIn(String lowerText) {
        if (stems == null) {
            return true;
        }
        for (String s : stems) {
            if (lowerText.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> topLevelAlternatives(String regex) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }

    /**
     * The longest run of plain characters that every match of the alternative must contain:
     * runs inside groups, and a character made optional by a following quantifier, do not count.
     */
    private static String leadingLiteral(String alternative) {
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < alternative.length(); i++) {
            char c = alternative.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '\'' || c == '/' || c == '-') {
                run.append(c);
                continue;
            }
            if ((c == '?' || c == '*' || c == '{') && run.length() > 0) {
                run.setLength(run.length() - 1);
            }
            best = run.length() > best.length() ? run.toString() : best;
            run.setLength(0);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                int depth = 1;
                while (depth > 0 && ++i < alternative.length()) {
                    char g = alternative.charAt(i);
                    if (g == '\\') {
                        i++;
                    } else if (g == '(') {
                        depth++;
                    } else if (g == ')') {
                        depth--;
                    }
                }
                // a group may be optional: whatever follows it still counts, the group does not
                if (i + 1 < alternative.length() && "?*{".indexOf(alternative.charAt(i + 1)) >= 0) {
                    i++;
                }
            }
        }
        return run.length() > best.length() ? run.toString() : best;
    }
}
