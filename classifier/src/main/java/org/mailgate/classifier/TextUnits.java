package org.mailgate.classifier;

/**
 * The sentence, line and paragraph around a position: the units a finding is judged in. A
 * paragraph ends at a blank line (a line of only spaces and quote marks {@code >} counts as
 * blank, so quoted reply history splits as the original did); a sentence ends at {@code .!?}
 * before whitespace, at a blank line, or at the end of a table row (a line holding a tab or a
 * {@code |}). Every unit is capped at {@link #CAP} chars either side, so that asking costs little
 * however long the text is: these are only asked about around candidate identifiers and terms.
 */
final class TextUnits {
    static final int CAP = 600;

    /** A range [start, end) of a text. */
    record Unit(int start, int end) {
        boolean contains(int position) {
            return position >= start && position < end;
        }
    }

    private TextUnits() {
    }

    static Unit line(String text, int start, int end) {
        return line(text, start, end, CAP);
    }

    static Unit line(String text, int start, int end, int cap) {
        int a = start;
        int floor = Math.max(0, start - cap);
        while (a > floor && !isBreak(text, a - 1)) {
            a--;
        }
        int b = end;
        int ceiling = Math.min(text.length(), end + cap);
        while (b < ceiling && !isBreak(text, b)) {
            b++;
        }
        return new Unit(a, b);
    }

    static Unit paragraph(String text, int start, int end) {
        return paragraph(text, start, end, CAP);
    }

    static Unit paragraph(String text, int start, int end, int cap) {
        int a = start;
        int floor = Math.max(0, start - cap);
        while (a > floor && !(isBreak(text, a - 1) && blankLineEndsAt(text, a - 1))) {
            a--;
        }
        int b = end;
        int ceiling = Math.min(text.length(), end + cap);
        while (b < ceiling && !(isBreak(text, b) && blankLineStartsAfter(text, b))) {
            b++;
        }
        return new Unit(a, b);
    }

    static Unit sentence(String text, int start, int end) {
        return sentence(text, start, end, CAP);
    }

    /** The sentence, looked for at most {@code cap} chars either side (a snippet needs only its nearest part). */
    static Unit sentence(String text, int start, int end, int cap) {
        Unit p = paragraph(text, start, end, cap);
        Unit l = line(text, start, end, cap);
        Unit row = tabular(text, l) ? l : p;
        int from = Math.max(p.start(), row.start());
        int to = Math.min(p.end(), row.end());
        int a = start;
        while (a > from && !endsSentence(text, a - 1)) {
            a--;
        }
        int b = end;
        while (b < to && !endsSentence(text, b)) {
            b++;
        }
        return new Unit(a, Math.min(to, b + 1));
    }

    /** True if the line holding [start, end) is a table row (cells split by tabs or bars). */
    static boolean tabular(String text, int start, int end) {
        return tabular(text, line(text, start, end));
    }

    private static boolean tabular(String text, Unit l) {
        for (int i = l.start(); i < l.end(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '|') {
                return true;
            }
        }
        return false;
    }

    /** A line break: LF, or a CR not followed by LF (CRLF breaks at its LF; the CR reads as a space). */
    static boolean isBreak(String text, int i) {
        char c = text.charAt(i);
        return c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n');
    }

    private static boolean endsSentence(String text, int i) {
        char c = text.charAt(i);
        if (c == '.' || c == '!' || c == '?') {
            return i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)) && !abbreviation(text, i);
        }
        return false;
    }

    /** "Mr. Smith", "Dr. Khan", "no. 12": a dot that does not end a sentence. */
    private static boolean abbreviation(String text, int dot) {
        int a = dot;
        while (a > 0 && Character.isLetter(text.charAt(a - 1))) {
            a--;
        }
        String w = text.substring(a, dot).toLowerCase(java.util.Locale.ROOT);
        return switch (w) {
            case "mr", "mrs", "ms", "mx", "dr", "no", "st", "tel", "ref", "nr", "approx", "dob" -> true;
            default -> w.length() == 1;
        };
    }

    /** The '\n' at {@code nl} ends a line that is blank (only spaces, tabs and '>'). */
    private static boolean blankLineEndsAt(String text, int nl) {
        int i = nl - 1;
        while (i >= 0 && !isBreak(text, i)) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '>' && c != '\r') {
                return false;
            }
            i--;
        }
        return true;
    }

    /** The line after the '\n' at {@code nl} is blank. */
    private static boolean blankLineStartsAfter(String text, int nl) {
        int i = nl + 1;
        while (i < text.length() && !isBreak(text, i)) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '>' && c != '\r') {
                return false;
            }
            i++;
        }
        return true;
    }

    /**
     * The table header of the row holding {@code position}, and the column the position is in:
     * the first line of the block of rows above it that have the same separator. Null if the line
     * is not a row. Looks at most {@code maxRows} rows up.
     */
    static Header header(String text, int position, int maxRows) {
        Unit row = line(text, position, position);
        char sep = separator(text, row);
        if (sep == 0) {
            return null;
        }
        int column = 0;
        for (int i = row.start(); i < position; i++) {
            if (text.charAt(i) == sep) {
                column++;
            }
        }
        Unit top = row;
        for (int r = 0; r < maxRows && top.start() > 0; r++) {
            Unit above = line(text, top.start() - 1, top.start() - 1);
            if (separator(text, above) != sep) {
                break;
            }
            top = above;
        }
        String[] cells = text.substring(top.start(), top.end()).split(sep == '|' ? "\\|" : String.valueOf(sep), -1);
        return new Header(top, column < cells.length ? cells[column].trim() : "", top.equals(row));
    }

    /**
     * True if [start, end) stands alone in a table cell: a tab, bar or comma (or the line's edge)
     * next to it on both sides, spaces and quotes aside. Asked for every phone number, so it
     * looks only at the chars beside the value.
     */
    static boolean cell(String text, int start, int end) {
        int a = start - 1;
        while (a >= 0 && (text.charAt(a) == ' ' || text.charAt(a) == '"')) {
            a--;
        }
        int b = end;
        while (b < text.length() && (text.charAt(b) == ' ' || text.charAt(b) == '"')) {
            b++;
        }
        boolean before = a < 0 || isCellEdge(text, a);
        boolean after = b >= text.length() || isCellEdge(text, b);
        return before && after && (a >= 0 && !isBreak(text, a) || b < text.length() && !isBreak(text, b));
    }

    private static boolean isCellEdge(String text, int i) {
        char c = text.charAt(i);
        return c == '\t' || c == '|' || c == ',' || isBreak(text, i);
    }

    /** A row's header line, the header cell of a column, and whether the row asked about is the header itself. */
    record Header(Unit line, String cell, boolean isHeaderRow) {
    }

    /** The cells of a table row (see {@link #separator}), each trimmed of spaces; empty if the line has no cells. */
    static java.util.List<Unit> cellsOf(String text, Unit row) {
        char sep = separator(text, row);
        java.util.List<Unit> cells = new java.util.ArrayList<>();
        if (sep == 0) {
            return cells;
        }
        int from = row.start();
        for (int i = row.start(); i <= row.end(); i++) {
            if (i == row.end() || text.charAt(i) == sep) {
                int a = from;
                int b = i;
                while (a < b && Character.isWhitespace(text.charAt(a))) {
                    a++;
                }
                while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
                    b--;
                }
                cells.add(new Unit(a, b));
                from = i + 1;
            }
        }
        return cells;
    }

    private static char separator(String text, Unit l) {
        int tabs = 0;
        int bars = 0;
        int commas = 0;
        for (int i = l.start(); i < l.end(); i++) {
            switch (text.charAt(i)) {
                case '\t' -> tabs++;
                case '|' -> bars++;
                case ',' -> commas++;
                default -> { }
            }
        }
        if (tabs > 0) {
            return '\t';
        }
        if (bars > 0) {
            return '|';
        }
        return commas >= 2 ? ',' : 0;
    }
}
