package org.mailgate.gateway.ooo;

import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.mail.MessageHeaders;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.gateway.mail.OutgoingMail;

/**
 * Writes the out-of-office reply itself, as RFC 3834 asks: from the person, to the envelope
 * sender, marked {@code Auto-Submitted: auto-replied}, threaded under the original, with a
 * subject saying it is automatic, and words from the {@link ReplyTemplate}.
 */
final class AutoReplies {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");

    private final ReplyTemplate template;
    private final String subjectPrefix;
    private final Clock clock;
    private final String hostname;
    private final Supplier<String> uniqueIds;

    AutoReplies(ReplyTemplate template, String subjectPrefix, Clock clock, String hostname,
            Supplier<String> uniqueIds) {
        this.template = template;
        this.subjectPrefix = subjectPrefix;
        this.clock = clock;
        this.hostname = hostname;
        this.uniqueIds = uniqueIds;
    }

    /**
     * The reply from {@code staff} (on leave for {@code period}) to {@code sender} about a
     * message with headers {@code original}.
     */
    byte[] compose(LeavePeriod period, String sender, MessageHeaders original, boolean internalSender)
            throws IOException {
        Map<String, String> values = values(period, internalSender);
        OutgoingMail m = OutgoingMail.from(period.address(), ContactDetails.nameOf(period.address())).to(sender)
                .subject(subjectPrefix + (original.subject().isBlank() ? "Out of office" : original.subject().strip()))
                .text(template.text(values))
                .header("Auto-Submitted", "auto-replied").header("X-Auto-Response-Suppress", "All")
                .messageId(OutgoingMail.id(uniqueIds.get(), "auto-reply", hostname));
        template.html(values).ifPresent(m::html);
        thread(m, original);
        return m.toBytes(clock);
    }

    /** Threads the reply under the original, keeping the original's references (RFC 5322 section 3.6.4). */
    private static void thread(OutgoingMail m, MessageHeaders original) {
        List<String> parent = ids(original.messageId());
        if (parent.isEmpty()) {
            return;
        }
        List<String> references = ids(original.references());
        if (references.isEmpty()) {
            List<String> inReplyTo = ids(original.inReplyTo());
            if (inReplyTo.size() == 1) {
                references = inReplyTo;
            }
        }
        m.inReplyTo(parent.get(0), references);
    }

    /** Message identifiers in a field; anything else in it (comments, stray text) is dropped. */
    private static List<String> ids(String field) {
        List<String> out = new ArrayList<>();
        Matcher m = MSG_ID.matcher(field);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Map<String, String> values(LeavePeriod p, boolean internalSender) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", ContactDetails.nameOf(p.address()));
        v.put("address", p.address());
        v.put("first_day", UkDates.longDate(p.firstDay()));
        v.put("last_day", UkDates.longDate(p.lastDay()));
        v.put("returning", UkDates.longDate(p.returning()));
        v.put("alternative_contact", p.alternativeContact());
        v.put("message", p.textFor(internalSender));
        return v;
    }
}
