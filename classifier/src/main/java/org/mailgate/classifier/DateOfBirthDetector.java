package org.mailgate.classifier;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real, past date (UK day-month order, ISO, or with a month name) with date-of-birth context:
 * a label just before it ("DOB:", "date of birth -", "born on") or a table column headed DOB /
 * date of birth. Other dates (invoices, meetings, deadlines) are never reported, even when
 * "birth" or "DOB" appears elsewhere in the message.
 */
final class DateOfBirthDetector implements Detector {
    private static final String MONTHS =
            "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/.-]?\\d)");
    private static final Pattern ISO = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?i)(?<![\\d])(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTHS + "\\.?,?\\s+(\\d{4})(?!\\d)");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?i)(?<![A-Za-z])" + MONTHS + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)");
    /** The text before a date ends with a date-of-birth label (the label may carry a format hint). */
    private static final Pattern LABEL = Pattern.compile("(?i)(?:date\\s+of\\s+birth|\\bd\\.?o\\.?b\\b\\.?|\\bborn|birth[ \\t]*date)"
            + "\\s*(?:\\([a-z/ .-]{0,12}\\))?\\s*[:=\\-\\u2013(]?\\s*(?:(?:is|was|on|of)\\s+)*$");
    private static final Pattern HEADER = Pattern.compile("(?i)date[ \\t]+of[ \\t]+birth|\\bd\\.?o\\.?b\\b|\\bbirth[ \\t]*date|\\bborn\\b");
    private static final int LABEL_REACH = 40;
    private static final int MAX_ROWS = 200;

    @Override
    public void detect(Scan scan, List<Hit> found) {
        // every report needs a DOB keyword within the window (Keywords.DOB)
        if (!scan.mentions(Keywords.DOB)) {
            return;
        }
        String text = scan.text;
        NumericWords words = scan.words();
        AnchoredMatcher numeric = scan.anchored(NUMERIC);
        AnchoredMatcher iso = scan.anchored(ISO);
        AnchoredMatcher dayMonth = scan.anchored(DAY_MONTH);
        AnchoredMatcher monthDay = scan.anchored(MONTH_DAY);
        for (int w = 0; w < words.count(); w++) {
            int s = words.start(w);
            if (Chars.isDigit(text.charAt(s))) {
                // "March 14th, 1985": the month name before the day
                int month = monthBefore(text, s);
                if (month >= 0 && monthDay.matchesAt(month)) {
                    Matcher m = monthDay.match();
                    report(scan, found, m, date(parse(m.group(3)), month(m.group(1)), parse(m.group(2))));
                }
            }
            for (int d = s; d < words.end(w); d++) {
                // every date starts a run of digits, which may follow letters ("x14/03/1985")
                if (!Chars.isDigit(text.charAt(d)) || (d > s && Chars.isDigit(text.charAt(d - 1)))) {
                    continue;
                }
                Matcher m;
                if (numeric.matchesAt(d)) {
                    m = numeric.match();
                    report(scan, found, m, date(year(m.group(4)), parse(m.group(3)), parse(m.group(1))));
                }
                if (iso.matchesAt(d)) {
                    m = iso.match();
                    report(scan, found, m, date(parse(m.group(1)), parse(m.group(2)), parse(m.group(3))));
                }
                if (dayMonth.matchesAt(d)) {
                    m = dayMonth.match();
                    report(scan, found, m, date(parse(m.group(3)), month(m.group(2)), parse(m.group(1))));
                }
            }
        }
    }

    /** Start of the letters before whitespace (and an optional dot) ending just before {@code s}, or -1. */
    private static int monthBefore(String text, int s) {
        int i = s;
        while (i > 0 && Chars.isSpace(text.charAt(i - 1))) {
            i--;
        }
        if (i == s) {
            return -1;
        }
        if (i > 0 && text.charAt(i - 1) == '.') {
            i--;
        }
        int end = i;
        while (i > 0 && Chars.isLetter(text.charAt(i - 1))) {
            i--;
        }
        return i < end ? i : -1;
    }

    private static void report(Scan scan, List<Hit> found, Matcher m, LocalDate date) {
        if (date == null) {
            return;
        }
        String text = scan.text;
        if (scan.before(Keywords.DOB, m.start(), LABEL_REACH)
                && LABEL.matcher(text.substring(Math.max(0, m.start() - LABEL_REACH), m.start())).find()) {
            found.add(new Hit(FindingType.DATE_OF_BIRTH, date.toString(), Confidence.HIGH, m.start(), m.end(),
                    "date with a date-of-birth label just before"));
            return;
        }
        TextUnits.Header header = TextUnits.header(text, m.start(), MAX_ROWS);
        if (header != null && !header.isHeaderRow() && HEADER.matcher(header.cell()).find()) {
            found.add(new Hit(FindingType.DATE_OF_BIRTH, date.toString(), Confidence.HIGH, m.start(), m.end(),
                    "date in a table column headed date of birth"));
        }
    }

    private static int parse(String s) {
        return Integer.parseInt(s);
    }

    private static int year(String y) {
        if (y.length() == 4) {
            return Integer.parseInt(y);
        }
        int two = Integer.parseInt(y);
        int now = LocalDate.now().getYear() % 100;
        return two <= now ? 2000 + two : 1900 + two;
    }

    private static int month(String name) {
        String p = name.substring(0, 3).toLowerCase(Locale.ROOT);
        return "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(p) / 3 + 1;
    }

    /** The date if it exists and could be a living person's birth date, else null. */
    static LocalDate date(int year, int month, int day) {
        try {
            LocalDate d = LocalDate.of(year, month, day);
            return d.getYear() >= 1900 && !d.isAfter(LocalDate.now()) ? d : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
