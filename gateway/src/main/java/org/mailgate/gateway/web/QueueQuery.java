package org.mailgate.gateway.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;

/**
 * The queue's filters as typed into the form (or the API's query string), kept as text so the
 * form shows them back exactly. The same parameters serve the page and the API: status
 * (default held, or any), sender, domain (of a recipient, or a parent domain), type (a finding
 * type), reason (the rule that held it), from and until (days as written in the UK or ISO,
 * until inclusive) and q (free text).
 */
public record QueueQuery(String status, String sender, String domain, String type, String reason, String from,
        String until, String q) {

    static final List<String> STATUSES = List.of("held", "released", "rejected", "expired", "withdrawn", "any");

    static QueueQuery read(Function<String, String> param) {
        return new QueueQuery(clean(param.apply("status")), clean(param.apply("sender")),
                clean(param.apply("domain")), clean(param.apply("type")), clean(param.apply("reason")),
                clean(param.apply("from")),
                clean(param.apply("until")), clean(param.apply("q")));
    }

    private static String clean(String s) {
        String t = s == null ? "" : s.trim();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    /** The status shown in the form: held unless another was asked for. */
    public String statusOrDefault() {
        return status.isEmpty() ? "held" : status.toLowerCase(Locale.ROOT);
    }

    /** The store's filter; an IllegalArgumentException says which field is wrong and how. */
    QuarantineFilter filter(Optional<Long> before, int limit, ZoneId zone) {
        String s = statusOrDefault();
        Optional<QuarantineItem.Status> st;
        if (s.equals("any")) {
            st = Optional.empty();
        } else if (STATUSES.contains(s)) {
            st = Optional.of(QuarantineItem.Status.valueOf(s.toUpperCase(Locale.ROOT)));
        } else {
            throw new IllegalArgumentException("status must be one of " + String.join(", ", STATUSES));
        }
        if (!type.isEmpty() && !type.matches("[A-Za-z_]{1,64}")) {
            throw new IllegalArgumentException("type must be a finding type such as UK_NINO");
        }
        Optional<HoldReason.Rule> rule = Optional.empty();
        if (!reason.isEmpty()) {
            rule = Optional.of(HoldReason.Rule.ofCode(reason)).filter(r -> r != HoldReason.Rule.UNRECORDED);
            if (rule.isEmpty()) {
                throw new IllegalArgumentException("reason must be a rule such as quarantine_domain");
            }
        }
        Optional<LocalDate> fromDay = date("from", from);
        Optional<LocalDate> untilDay = date("until", until);
        return new QuarantineFilter(st, optional(sender), optional(domain), optional(type), rule,
                fromDay.map(d -> d.atStartOfDay(zone).toInstant()),
                untilDay.map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()), optional(q), before, limit);
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<LocalDate> date(String name, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(UkDates.parseDay(value).orElseThrow(() ->
                new IllegalArgumentException(name + " must be a date like " + UkDates.DAY_EXAMPLE)));
    }

    /** The queue page's address with these filters, and {@code before} for the next page. */
    String href(Long before) {
        List<String> parts = new ArrayList<>();
        add(parts, "status", status);
        add(parts, "sender", sender);
        add(parts, "domain", domain);
        add(parts, "type", type);
        add(parts, "reason", reason);
        add(parts, "from", from);
        add(parts, "until", until);
        add(parts, "q", q);
        if (before != null) {
            parts.add("before=" + before);
        }
        return "/quarantine" + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    private static void add(List<String> parts, String name, String value) {
        if (!value.isEmpty()) {
            parts.add(name + "=" + Format.url(value));
        }
    }
}
