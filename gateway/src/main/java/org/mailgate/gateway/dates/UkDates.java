package org.mailgate.gateway.dates;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates written for people in the UK, and the working-day rule for return dates. */
public final class UkDates {

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private UkDates() {
    }

    /** "Monday 8 December 2026". */
    public static String longDate(LocalDate day) {
        return LONG.format(day);
    }

    /** "14:30 on Tuesday 9 December 2026". */
    public static String timeAndDate(java.time.ZonedDateTime at) {
        return TIME.format(at) + " on " + LONG.format(at);
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
