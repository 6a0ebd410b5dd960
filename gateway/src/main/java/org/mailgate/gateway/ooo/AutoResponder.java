package org.mailgate.gateway.ooo;

import org.mailgate.gateway.mail.MessageHeaders;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one received message for every recipient who is on leave today: checks the rules,
 * claims the turn in the {@link ReplyMemory}, and sends the reply through the outbox from the
 * null sender (RFC 3834 section 3.3), so that it can neither bounce nor loop.
 */
final class AutoResponder {

    private static final Logger log = LoggerFactory.getLogger(AutoResponder.class);

    private final LeaveStore store;
    private final ReplyMemory memory;
    private final AutoReplies replies;
    private final Aliases aliases;
    private final Predicate<String> isInternalAddress;
    private final Outbox outbox;
    private final Clock clock;
    private final int intervalDays;
    private final Runnable replied;

    AutoResponder(LeaveStore store, ReplyMemory memory, AutoReplies replies, Aliases aliases,
            Predicate<String> isInternalAddress, Outbox outbox, Clock clock, int intervalDays, Runnable replied) {
        this.replied = replied;
        this.store = store;
        this.memory = memory;
        this.replies = replies;
        this.aliases = aliases;
        this.isInternalAddress = isInternalAddress;
        this.outbox = outbox;
        this.clock = clock;
        this.intervalDays = intervalDays;
    }

    /** Replies for each internal recipient on leave; one person's failure is logged and the rest go on. */
    void respond(Envelope e, MessageHeaders headers) {
        Set<String> done = new HashSet<>();
        for (String rcpt : e.recipients()) {
            String staff = aliases.staff(rcpt);
            if (!isInternalAddress.test(rcpt) || !done.add(staff)) {
                continue;
            }
            try {
                respond(e, headers, staff);
            } catch (Exception ex) {
                log.warn("{}: auto-reply for <{}> failed ({}); the message itself is delivered as usual",
                        e.queueId(), staff, ex.toString());
            }
        }
    }

    private void respond(Envelope e, MessageHeaders headers, String staff) throws Exception {
        Optional<LeavePeriod> away = store.awayOn(staff, LocalDate.now(clock));
        if (away.isEmpty()) {
            return;
        }
        LeavePeriod p = away.get();
        Optional<String> whyNot = AutoReplyRules.whyNot(e.sender(), headers, aliases.addressesOf(staff));
        if (whyNot.isPresent()) {
            log.info("{}: <{}> is on leave; no auto-reply: {}", e.queueId(), staff, whyNot.get());
            return;
        }
        byte[] reply = replies.compose(p, e.sender(), headers, isInternalAddress.test(e.sender()));
        if (!claim(staff, e, p)) {
            log.info("{}: <{}> is on leave; no auto-reply: <{}> had one in the last {} day(s)", e.queueId(), staff,
                    e.sender(), intervalDays);
            return;
        }
        Envelope sent = outbox.send("", List.of(e.sender()), Envelope.Origin.GATEWAY, reply);
        replied.run();
        log.info("{}: auto-reply from <{}> (back {}) to <{}> queued as {}", e.queueId(), staff, p.returning(),
                e.sender(), sent.queueId());
    }

    private boolean claim(String staff, Envelope e, LeavePeriod p) throws SQLException {
        return memory.claim(staff, e.sender(), p.firstDay());
    }
}
