package org.mailgate.gateway.dates;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Dates for people in the UK: read the ways they write them ({@code 06/12/2026},
 * {@code 6 December 2026}, {@code 2026-12-06}, from a date picker), shown one way everywhere
 * ({@code Sunday 6 December 2026}, times with the zone), and the working-day rule for return dates.
 */
public final class UkDates {

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm z", Locale.UK);
    private static final List<DateTimeFormatter> DAYS = Stream.of("uuuu-MM-dd", "d/M/uuuu", "d.M.uuuu",
            "d MMMM uuuu", "d MMM uuuu", "EEEE d MMMM uuuu", "EEE d MMM uuuu").map(UkDates::reading).toList();
    private static final List<DateTimeFormatter> TIMES = Stream.of("H:mm", "H.mm", "H:mm:ss", "h:mma", "h.mma", "ha")
            .map(UkDates::reading).toList();

    /** What a form shows as an example of a day, and of a day and time. */
    public static final String DAY_EXAMPLE = "06/12/2026";
    public static final String DATE_TIME_EXAMPLE = "06/12/2026 14:30";

    private UkDates() {
    }

    private static DateTimeFormatter reading(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.UK)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** "Monday 8 December 2026". */
    public static String longDate(LocalDate day) {
        return LONG.format(day);
    }

    /** "14:30 on Tuesday 9 December 2026". */
    public static String timeAndDate(ZonedDateTime at) {
        return TIME.format(at) + " on " + LONG.format(at);
    }

    /** "Sun 6 Dec 2026, 14:30 GMT": a moment in a table, with its zone; empty for none. */
    public static String stamp(Instant at, ZoneId zone) {
        return at == null ? "" : STAMP.format(at.atZone(zone));
    }

    /** A day as people write it in the UK (day before month), or as ISO; empty if it is not one. */
    public static Optional<LocalDate> parseDay(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip().replaceAll("\\s+", " ").replaceAll("(?<=\\d)(st|nd|rd|th)\\b", "");
        for (DateTimeFormatter f : DAYS) {
            try {
                return Optional.of(LocalDate.parse(t, f));
            } catch (DateTimeParseException e) {
                // try the next way of writing a day
            }
        }
        return Optional.empty();
    }

    /**
     * A day and a time ({@code 06/12/2026 14:30}, {@code 2026-12-06T14:30} from a browser's
     * picker, {@code 6 December 2026 2:30pm}); empty if it is not one.
     */
    public static Optional<LocalDateTime> parseDateTime(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip().replaceAll("(?<=\\d)T(?=\\d)", " ").replace(",", " ")
                .replaceAll("(?i)\\s+at\\s+", " ").replaceAll("(?i)\\s*([ap]m)$", "$1").replaceAll("\\s+", " ");
        int cut = t.lastIndexOf(' ');
        if (cut < 0) {
            return Optional.empty();
        }
        Optional<LocalDate> day = parseDay(t.substring(0, cut));
        String time = t.substring(cut + 1);
        for (DateTimeFormatter f : TIMES) {
            try {
                return day.map(d -> d.atTime(LocalTime.parse(time, f)));
            } catch (DateTimeParseException e) {
                // try the next way of writing a time
            }
        }
        return Optional.empty();
    }

    /**
     * The first weekday after {@code day}. Bank holidays are not known here: whoever is back on
     * a Tuesday after a bank holiday Monday writes {@code returning} themselves.
     */
    public static LocalDate nextWorkingDay(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }
}
