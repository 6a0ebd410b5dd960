package org.mailgate.gateway.phone;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.ooo.ContactDetails;
import org.mailgate.gateway.ooo.LeavePeriod;
import org.mailgate.gateway.ooo.LeaveSchedule;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.SealedBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telephone messages taken for a colleague: checked field by field, kept in the store, and
 * sent to the officer as an urgent e-mail; while the officer is on leave, also to the e-mail
 * address in their alternative contact, if it is one of ours (a caller's details do not leave
 * the organisation in clear).
 */
public final class MessagesTaken {

    private static final Logger log = LoggerFactory.getLogger(MessagesTaken.class);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The stored message, or what is wrong by {@link MessageForm} field. */
    public record Result(Optional<TakenMessage> message, Map<String, String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final TakenMessageStore store;
    private final LeaveSchedule schedule;
    private final PhoneMessageMail mail;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Predicate<String> isInternalAddress;
    private final Predicate<String> staff;
    private final String gatewayAddress;
    private final Clock clock;

    /**
     * Telephone messages as configured. Rows an older version stored in clear are sealed now
     * (they stay readable until then, and sealing is tried again at the next start if it fails).
     *
     * @param messageBox seals the caller's details, {@code masterKey.derive("taken-message")}
     * @param schedule who is away, to copy their alternative contact
     * @param staff whether an address is in the directory of staff (an account, or known to the leave schedule)
     */
    public static MessagesTaken create(GatewayConfig config, Database db, LeaveSchedule schedule, Outbox outbox,
            AuditLog audit, SealedBox messageBox, Predicate<String> staff, Clock clock) {
        TakenMessageStore store = new TakenMessageStore(db, messageBox);
        try {
            int sealed = store.sealClearRows();
            if (sealed > 0) {
                log.info("telephone messages: sealed the caller's details of {} message(s) stored in clear by an "
                        + "older version", sealed);
            }
        } catch (Exception e) {
            log.warn("telephone messages: sealing messages stored in clear failed, will try again at the next "
                    + "start: {}", e.toString());
        }
        return new MessagesTaken(store, schedule, new PhoneMessageMail(clock, config.smtp().hostname(),
                () -> UUID.randomUUID().toString()), outbox, audit,
                a -> config.domains().isInternal(Envelope.domainOf(a)), staff, config.quarantine().notifyAddress(),
                clock);
    }

    /** @param gatewayAddress the From of messages whose taker has no e-mail address of their own */
    MessagesTaken(TakenMessageStore store, LeaveSchedule schedule, PhoneMessageMail mail, Outbox outbox,
            AuditLog audit, Predicate<String> isInternalAddress, Predicate<String> staff, String gatewayAddress,
            Clock clock) {
        this.staff = staff;
        this.store = store;
        this.schedule = schedule;
        this.mail = mail;
        this.outbox = outbox;
        this.audit = audit;
        this.isInternalAddress = isInternalAddress;
        this.gatewayAddress = gatewayAddress;
        this.clock = clock;
    }

    /**
     * Checks, stores and sends a message taken by {@code takenBy} (their address, or a user
     * name). Throws if it was stored but could not be queued for sending: the officer still
     * finds it in their list.
     */
    public Result take(String takenBy, MessageForm form, String client) throws SQLException, IOException {
        Map<String, String> problems = new LinkedHashMap<>();
        String officer = officer(form.officer(), problems);
        Instant now = clock.instant();
        Instant callAt = time(form.callAt(), MessageForm.CALL_AT, "when the call came in", problems);
        if (callAt != null && callAt.isAfter(now.plus(CLOCK_SKEW))) {
            problems.put(MessageForm.CALL_AT, "The call cannot be in the future: give the time it came in.");
        }
        String name = line(form.callerName(), MessageForm.CALLER_NAME, "the caller's name", 200, problems);
        String from = line(form.callerFrom(), MessageForm.CALLER_FROM,
                "where the caller is from (an organisation, or \"member of the public\")", 200, problems);
        String number = line(form.returnNumber(), MessageForm.RETURN_NUMBER, "the number to ring back", 64, problems);
        if (!number.isEmpty() && ContactDetails.phones(number).isEmpty()) {
            problems.putIfAbsent(MessageForm.RETURN_NUMBER, "'" + number + "' is not a whole phone number: give it "
                    + "with the area code, like 01632 960123 or 07700 900123.");
        }
        String reason = text(form.reason(), problems);
        Instant callBackBy = time(form.callBackBy(), MessageForm.CALL_BACK_BY,
                "the time the caller was promised a call back by", problems);
        if (callBackBy != null && callAt != null && !callBackBy.isAfter(callAt)) {
            problems.put(MessageForm.CALL_BACK_BY, "The promised call-back time must be after the call.");
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), Collections.unmodifiableMap(problems));
        }
        return send(takenBy, new TakenMessage(0, officer, takenBy.trim(), callAt, name, from, number, reason,
                callBackBy, now, List.of(officer), "", form.urgent(), null, null), client);
    }

    private Result send(String takenBy, TakenMessage draft, String client) throws SQLException, IOException {
        Optional<LeavePeriod> away = schedule.awayToday(draft.officer());
        Optional<String> copyTo = Optional.empty();
        Optional<String> note = Optional.empty();
        if (away.isPresent()) {
            LeavePeriod p = away.get();
            Optional<String> contact = ContactDetails.firstEmail(p.alternativeContact());
            copyTo = contact.filter(isInternalAddress);
            note = Optional.of(ContactDetails.nameOf(draft.officer()) + " is on leave (" + p.describe() + "). "
                    + (copyTo.isPresent() ? "A copy went to their alternative contact, " + p.alternativeContact() + "."
                    : "Their alternative contact is " + p.alternativeContact() + (contact.isPresent()
                    ? " (outside the organisation, so no copy was sent)." : ".")));
        }
        List<String> sentTo = new ArrayList<>(draft.sentTo());
        copyTo.map(a -> a.toLowerCase(Locale.ROOT)).filter(a -> !sentTo.contains(a)).ifPresent(sentTo::add);
        long id = store.database().inTransaction(c -> {
            long newId = store.insert(c, draft.with(0, sentTo, ""));
            audit.record(c, takenBy, "MESSAGE_TAKEN", null, "telephone message " + newId + " for " + draft.officer()
                    + (sentTo.size() > 1 ? ", copy to the alternative contact" : ""), client);
            return newId;
        });
        boolean takerHasAddress = takenBy.contains("@");
        String from = takerHasAddress ? takenBy.trim() : gatewayAddress;
        byte[] bytes = mail.compose(draft.with(id, sentTo, ""), from, copyTo, note);
        Envelope sent = outbox.send(takerHasAddress ? from : "", sentTo, Envelope.Origin.GATEWAY, bytes);
        store.recordQueueId(id, sent.queueId());
        log.info("{}: telephone message {} for <{}> queued to {} recipient(s)", sent.queueId(), id, draft.officer(),
                sentTo.size());
        return new Result(Optional.of(draft.with(id, sentTo, sent.queueId())), Map.of());
    }

    /** The telephone messages for {@code officer}, and the copies they got while covering for someone, newest first. */
    public List<TakenMessage> forOfficer(String officer, int limit) throws SQLException {
        return store.forOfficer(officer.trim().toLowerCase(Locale.ROOT), limit);
    }

    /**
     * Marks that the caller of message {@code id} was called back, by {@code who}: the officer or
     * the colleague who got the copy. Returns what happened, in words for the page.
     */
    public String calledBack(long id, String who, String client) throws SQLException {
        Optional<TakenMessage> m = store.find(id);
        String me = who.trim().toLowerCase(Locale.ROOT);
        if (m.isEmpty() || !m.get().sentTo().contains(me)) {
            return "There is no such message for you.";
        }
        if (!store.markCalledBack(id, me, clock.instant())) {
            return "It was already marked as called back.";
        }
        audit.record(me, "MESSAGE_CALLED_BACK", null, "telephone message " + id + " for " + m.get().officer(), client);
        return "Marked as called back: " + m.get().callerName() + ".";
    }

    private String officer(String text, Map<String, String> problems) {
        String a = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (a.isEmpty()) {
            problems.put(MessageForm.OFFICER, "Say who the message is for: their e-mail address.");
        } else if (!a.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            problems.put(MessageForm.OFFICER, "'" + text.strip() + "' is not an e-mail address (like "
                    + "jane.smith@council.example).");
        } else if (!isInternalAddress.test(a)) {
            problems.put(MessageForm.OFFICER, a + " is not one of our addresses (domains.internal): messages are "
                    + "taken for colleagues only.");
        } else if (!staff.test(a)) {
            problems.put(MessageForm.OFFICER, a + " is not in the directory of staff (no account, leave or team "
                    + "of that name): check the spelling of the address.");
        }
        return a;
    }

    private Instant time(String text, String field, String what, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            problems.put(field, "Give " + what + ", like " + UkDates.DATE_TIME_EXAMPLE + ".");
            return null;
        }
        Optional<LocalDateTime> at = UkDates.parseDateTime(text);
        if (at.isEmpty()) {
            problems.put(field, "'" + text.strip() + "' is not a date and time: write " + what + " like "
                    + UkDates.DATE_TIME_EXAMPLE + ".");
            return null;
        }
        return at.get().atZone(clock.getZone()).toInstant();
    }

    /** A one-line field: required, line breaks folded to spaces (it goes into headers), at most {@code max}. */
    private static String line(String text, String field, String what, int max, Map<String, String> problems) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (t.isEmpty()) {
            problems.put(field, "Give " + what + ".");
        } else if (t.length() > max) {
            problems.put(field, "Keep this under " + max + " characters.");
        }
        return t;
    }

    private static String text(String text, Map<String, String> problems) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            problems.put(MessageForm.REASON, "Say briefly what the call was about.");
        } else if (t.length() > 1000) {
            problems.put(MessageForm.REASON, "Keep the reason brief: under 1000 characters (it has " + t.length()
                    + ").");
        }
        return t;
    }
}
