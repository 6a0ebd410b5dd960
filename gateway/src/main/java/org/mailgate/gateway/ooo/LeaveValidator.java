package org.mailgate.gateway.ooo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mailgate.classifier.FindingType;
import org.mailgate.gateway.dates.UkDates;

/**
 * Checks a {@link LeaveForm} and says what is wrong in words the person can act on, one
 * message per field. Overlaps with other periods are the schedule's to check: they need
 * the store.
 */
final class LeaveValidator {

    static final int MAX_TEXT = 2000;
    static final int MAX_CONTACT = 300;

    /** One forbidden number: its E.164 form and what it is, for the message. */
    private record Forbidden(String normalised, String written, Optional<String> label) {
    }

    private final Predicate<String> isInternalAddress;
    private final List<Forbidden> forbidden;
    private final SensitiveText sensitive;

    /**
     * @param forbiddenNumbers {@code leave.forbidden_alternative_numbers}, as written, optionally
     *     followed by whose they are in brackets
     */
    LeaveValidator(Predicate<String> isInternalAddress, List<String> forbiddenNumbers, SensitiveText sensitive) {
        this.isInternalAddress = isInternalAddress;
        this.sensitive = sensitive;
        this.forbidden = forbiddenNumbers.stream().map(n -> new Forbidden(ContactDetails.normalise(n),
                n.replaceAll("\\s*\\(.*\\)\\s*$", "").trim(), ContactDetails.label(n))).toList();
    }

    /** The outcome: a period (not yet stored, id 0) or the problems by field. */
    record Checked(Optional<LeavePeriod> period, Map<String, String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    Checked check(LeaveForm form, LeavePeriod.Source source, String changedBy, Instant changedAt) {
        Map<String, String> problems = new LinkedHashMap<>();
        String address = address(form.address(), problems);
        LocalDate from = day(form.from(), LeaveForm.FROM, "the first day away", problems);
        LocalDate until = day(form.until(), LeaveForm.UNTIL, "the last day away", problems);
        LocalDate returning = null;
        if (from != null && until != null && until.isBefore(from)) {
            problems.put(LeaveForm.UNTIL, "The last day away (" + UkDates.longDate(until)
                    + ") is before the first day (" + UkDates.longDate(from) + ").");
        }
        if (blank(form.returning())) {
            returning = until == null ? null : UkDates.nextWorkingDay(until);
        } else {
            returning = day(form.returning(), LeaveForm.RETURNING, "the day you are back", problems);
            if (returning != null && until != null && !returning.isAfter(until)) {
                problems.put(LeaveForm.RETURNING, "The return date (" + UkDates.longDate(returning)
                        + ") must be after the last day away (" + UkDates.longDate(until) + ").");
            }
        }
        String contact = contact(form.alternativeContact(), problems);
        String message = text(form.message(), LeaveForm.MESSAGE, problems);
        String internal = text(form.internalMessage(), LeaveForm.INTERNAL_MESSAGE, problems);
        String external = text(form.externalMessage(), LeaveForm.EXTERNAL_MESSAGE, problems);
        notSensitive(contact, LeaveForm.ALTERNATIVE_CONTACT, Set.of(FindingType.UK_PHONE), problems);
        notSensitive(message, LeaveForm.MESSAGE, Set.of(), problems);
        notSensitive(internal, LeaveForm.INTERNAL_MESSAGE, Set.of(), problems);
        notSensitive(external, LeaveForm.EXTERNAL_MESSAGE, Set.of(), problems);
        if (!problems.isEmpty()) {
            return new Checked(Optional.empty(), Collections.unmodifiableMap(problems));
        }
        return new Checked(Optional.of(new LeavePeriod(0, address, from, until, returning, contact, message, internal,
                external, source, changedBy, changedAt)), Map.of());
    }

    private String address(String text, Map<String, String> problems) {
        String a = trim(text).toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (a.isEmpty()) {
            problems.put(LeaveForm.ADDRESS, "Give the e-mail address of the person on leave.");
        } else if (at < 1 || at == a.length() - 1 || a.contains(" ") || a.contains("<")) {
            problems.put(LeaveForm.ADDRESS, "'" + text.trim() + "' is not an e-mail address (like jane.smith@"
                    + "council.example).");
        } else if (!isInternalAddress.test(a)) {
            problems.put(LeaveForm.ADDRESS, a + " is not in one of our own domains (domains.internal): "
                    + "out-of-office replies are only sent for our staff.");
        }
        return a;
    }

    private static LocalDate day(String text, String field, String what, Map<String, String> problems) {
        if (blank(text)) {
            problems.put(field, "Give " + what + ", like " + UkDates.DAY_EXAMPLE + ".");
            return null;
        }
        Optional<LocalDate> day = UkDates.parseDay(text);
        if (day.isEmpty()) {
            problems.put(field, "'" + text.trim() + "' is not a date: write " + what + " like " + UkDates.DAY_EXAMPLE
                    + ".");
        }
        return day.orElse(null);
    }

    private String contact(String text, Map<String, String> problems) {
        String c = trim(text);
        if (c.isEmpty()) {
            problems.put(LeaveForm.ALTERNATIVE_CONTACT, "Give an alternative contact: who can help while you are "
                    + "away, with their phone number or e-mail address.");
            return c;
        }
        if (c.length() > MAX_CONTACT) {
            problems.put(LeaveForm.ALTERNATIVE_CONTACT, "Keep the alternative contact under " + MAX_CONTACT
                    + " characters: a name, a phone number or an e-mail address.");
            return c;
        }
        List<ContactDetails.Phone> phones = ContactDetails.phones(c);
        for (ContactDetails.Phone p : phones) {
            for (Forbidden f : forbidden) {
                if (f.normalised().equals(p.e164())) {
                    problems.put(LeaveForm.ALTERNATIVE_CONTACT, p.written() + " cannot be an alternative contact: it is "
                            + f.label().map(l -> "the " + l + "'s number").orElse("a shared line that may not be given")
                            + ", so callers would be sent back to where they started and nobody would know you are "
                            + "away. Give a colleague's direct number or e-mail address instead.");
                    return c;
                }
            }
        }
        if (phones.isEmpty() && ContactDetails.firstEmail(c).isEmpty()) {
            problems.put(LeaveForm.ALTERNATIVE_CONTACT, "The alternative contact needs a phone number with its area "
                    + "code (like 01632 960123) or an e-mail address, so that people can reach them.");
        }
        return c;
    }

    private static String text(String text, String field, Map<String, String> problems) {
        String t = trim(text);
        if (t.length() > MAX_TEXT) {
            problems.put(field, "Keep this text under " + MAX_TEXT + " characters (it has " + t.length() + ").");
        }
        return t;
    }

    /**
     * Out-of-office text goes to whoever writes, so it may hold nothing the gateway would not let
     * leave in clear. The message names the kind of data, never the value.
     */
    private void notSensitive(String text, String field, Set<FindingType> expected, Map<String, String> problems) {
        if (problems.containsKey(field)) {
            return;
        }
        sensitive.why(text, expected).ifPresent(kinds -> problems.put(field, "This text holds personal or sensitive "
                + "information (" + kinds + "). Out-of-office replies go to anyone who writes to you, outside the "
                + "organisation too, so it cannot be saved: take it out, and give people a way to ask instead."));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
