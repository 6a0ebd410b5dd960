package org.mailgate.gateway.ooo;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a member of staff by mail when someone else (their line manager, an admin) sets,
 * changes or removes their leave: their out-of-office reply speaks for them, so they should
 * know. Sent from the gateway's notice address; a notice that cannot be queued is logged.
 */
final class LeaveNotices {

    private static final Logger log = LoggerFactory.getLogger(LeaveNotices.class);

    private final Outbox outbox;
    private final String from;
    private final String publicUrl;
    private final String hostname;
    private final Clock clock;

    LeaveNotices(Outbox outbox, String from, String publicUrl, String hostname, Clock clock) {
        this.outbox = outbox;
        this.from = from;
        this.publicUrl = publicUrl;
        this.hostname = hostname;
        this.clock = clock;
    }

    /** @param what "set", "changed" or "removed" */
    void changedFor(LeavePeriod p, String editor, String what) {
        String name = ContactDetails.nameOf(p.address());
        StringBuilder body = new StringBuilder("Hello ").append(name).append(",\n\n")
                .append(editor).append(" has ").append(what).append(" leave for you:\n\n")
                .append("  Away:                ").append(p.describe()).append('\n')
                .append("  Alternative contact: ").append(p.alternativeContact()).append("\n\n");
        body.append("removed".equals(what)
                ? "Mail to you will no longer get an out-of-office reply for these days.\n\n"
                : "While you are away, mail to you gets an out-of-office reply with the day you are back\n"
                        + "and your alternative contact.\n\n");
        body.append("If this is not right, see your leave at ").append(publicUrl).append("/leave, or speak to\n")
                .append(editor).append(".\n\n-- \nMail gateway\n");
        try {
            byte[] mail = OutgoingMail.from(from, "Mail gateway").to(p.address())
                    .subject("Your leave was " + what + " by " + editor).text(body.toString())
                    .header("Auto-Submitted", "auto-generated").header("X-Auto-Response-Suppress", "All")
                    .messageId(OutgoingMail.id(UUID.randomUUID().toString(), "leave-notice", hostname)).toBytes(clock);
            Envelope sent = outbox.send("", List.of(p.address()), Envelope.Origin.GATEWAY, mail);
            log.info("leave: <{}> told that {} {} their leave, queued as {}", p.address(), editor, what,
                    sent.queueId());
        } catch (IOException | RuntimeException e) {
            log.error("leave: telling <{}> that {} {} their leave failed: {}", p.address(), editor, what, e.toString());
        }
    }
}
