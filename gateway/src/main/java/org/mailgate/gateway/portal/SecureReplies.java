package org.mailgate.gateway.portal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.AuditLog;

/**
 * A verified recipient's reply, written in the portal: delivered to the internal sender as
 * ordinary internal mail, never over the open internet.
 */
public final class SecureReplies {

    private final ReadingSessions sessions;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final GatewayConfig config;

    SecureReplies(ReadingSessions sessions, AuditLog audit, Outbox outbox, Clock clock, GatewayConfig config) {
        this.sessions = sessions;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    public Outcome send(String token, String sessionId, String text, List<ReplyAttachment> attachments,
            String client) throws SQLException, IOException {
        Optional<PortalMessage> m = sessions.sessionMessage(token, sessionId);
        if (m.isEmpty()) {
            return new Outcome(false, "Your session has ended. Please open the link again.");
        }
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() && attachments.isEmpty()) {
            return new Outcome(false, "Write a reply or attach a file.");
        }
        PortalMessage message = m.get();
        String subject = message.subject().regionMatches(true, 0, "Re:", 0, 3) ? message.subject()
                : "Re: " + message.subject();
        // Written by a person, so ordinary mail: no Auto-Submitted.
        OutgoingMail mail = OutgoingMail.from(message.recipient(), null).to(message.sender()).subject(subject)
                .text(body + "\n\n-- \nSent securely through the " + config.portal().organisation()
                        + " secure mail portal.\n")
                .messageId(OutgoingMail.id(UUID.randomUUID().toString(), "portal-reply", Portal.domain(config)));
        if (!message.messageId().isBlank()) {
            // Threads under the original in the sender's mail program (a malformed id is left out).
            List<String> refs = message.references().isBlank() ? List.of()
                    : List.of(message.references().trim().split("\\s+"));
            try {
                mail.inReplyTo(message.messageId(), refs.subList(Math.max(0, refs.size() - 10), refs.size()));
            } catch (IllegalArgumentException e) {
                // not a message id we can refer to
            }
        }
        for (ReplyAttachment a : attachments) {
            mail.attach(a.fileName(), a.contentType(), a.bytes());
        }
        outbox.send(message.recipient(), List.of(message.sender()), Envelope.Origin.GATEWAY, mail.toBytes(clock));
        audit.record(message.recipient(), "PORTAL_REPLY", null, "message " + message.id() + ", "
                + attachments.size() + " attachment(s)", client);
        return new Outcome(true, "Your reply has been sent securely to " + message.sender() + ".");
    }
}
