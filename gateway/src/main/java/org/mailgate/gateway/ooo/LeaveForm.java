package org.mailgate.gateway.ooo;

/**
 * A period of leave as people write it, in a web form, a JSON request or the leave file:
 * text in every field, blank for "not given". {@link LeaveValidator} turns it into a
 * {@link LeavePeriod} or says, field by field, what is wrong. Field names in problems are
 * the leave file's keys: {@value #ADDRESS}, {@value #FROM}, {@value #UNTIL}, {@value #RETURNING},
 * {@value #ALTERNATIVE_CONTACT}, {@value #MESSAGE}, {@value #INTERNAL_MESSAGE}, {@value #EXTERNAL_MESSAGE}.
 *
 * @param from first day away, {@code 2026-12-01} (a few other day-first forms are accepted)
 * @param until last day away
 * @param returning first day back; blank for the next working day after {@code until}
 */
public record LeaveForm(String address, String from, String until, String returning, String alternativeContact,
        String message, String internalMessage, String externalMessage) {

    public static final String ADDRESS = "address";
    public static final String FROM = "from";
    public static final String UNTIL = "until";
    public static final String RETURNING = "returning";
    public static final String ALTERNATIVE_CONTACT = "alternative_contact";
    public static final String MESSAGE = "message";
    public static final String INTERNAL_MESSAGE = "internal_message";
    public static final String EXTERNAL_MESSAGE = "external_message";

    public LeaveForm withAddress(String newAddress) {
        return new LeaveForm(newAddress, from, until, returning, alternativeContact, message, internalMessage,
                externalMessage);
    }

    /** The form for an existing period, to edit it. */
    public static LeaveForm of(LeavePeriod p) {
        return new LeaveForm(p.address(), p.firstDay().toString(), p.lastDay().toString(), p.returning().toString(),
                p.alternativeContact(), p.message(), p.internalMessage(), p.externalMessage());
    }
}
