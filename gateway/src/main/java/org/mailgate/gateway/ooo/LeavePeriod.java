package org.mailgate.gateway.ooo;

import java.time.Instant;
import java.time.LocalDate;
import org.mailgate.gateway.dates.UkDates;

/**
 * One stretch of leave of one member of staff. They are away from {@code firstDay} until the
 * day before {@code returning}, which is usually the first working day after {@code lastDay}:
 * a message on the Saturday between a Friday last day and a Monday return still gets a reply.
 *
 * @param id the store's id (0 before it is stored)
 * @param message the person's own text for everyone ("" for none)
 * @param internalMessage their text for colleagues, instead of {@code message} ("" to use it)
 * @param externalMessage their text for everyone outside the organisation ("" to use {@code message})
 * @param changedBy who last set it: an address, or "leave file"
 */
public record LeavePeriod(long id, String address, LocalDate firstDay, LocalDate lastDay, LocalDate returning,
        String alternativeContact, String message, String internalMessage, String externalMessage, Source source,
        String changedBy, Instant changedAt) {

    /** Where a period came from; a reload of the leave file replaces only its own periods. */
    public enum Source { FILE, WEB, API }

    /** True when the two periods leave the person away on a common day. */
    public boolean overlaps(LocalDate otherFirstDay, LocalDate otherReturning) {
        return firstDay.isBefore(otherReturning) && otherFirstDay.isBefore(returning);
    }

    /** The person's own text for a sender inside or outside the organisation. */
    public String textFor(boolean internalSender) {
        String specific = internalSender ? internalMessage : externalMessage;
        return specific.isBlank() ? message : specific;
    }

    public LeavePeriod withId(long newId) {
        return new LeavePeriod(newId, address, firstDay, lastDay, returning, alternativeContact, message,
                internalMessage, externalMessage, source, changedBy, changedAt);
    }

    /** "Monday 1 December to Friday 5 December 2026, back Monday 8 December 2026", for messages to people. */
    public String describe() {
        return UkDates.longDate(firstDay) + " to " + UkDates.longDate(lastDay) + ", back " + UkDates.longDate(returning);
    }
}
