package org.mailgate.gateway.portal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.mail.OutgoingMail;

/**
 * The portal's e-mails: plain, short, and free of the protected content. The
 * recipient's notice names the sender and (unless hidden) the subject, never the body.
 */
final class PortalNotices {

    private PortalNotices() {
    }

    static byte[] recipientNotice(GatewayConfig config, String sender, String recipient, String subject,
            Instant expires, String link, String domain, Clock clock) throws IOException {
        GatewayConfig.Portal p = config.portal();
        String shownSubject = p.hideSubject() || subject.isBlank() ? "" : "\nSubject: " + subject + "\n";
        String body = "Hello,\n\n"
                + sender + " at " + p.organisation() + " has sent you a secure message." + "\n" + shownSubject + "\n"
                + "To read it, open this link:\n\n    " + link + "\n\n"
                + "We will send a one-time code to this e-mail address (" + recipient + ") to check it is you.\n"
                + "The message can be read until " + Portal.day(expires) + ".\n\n"
                + "You can reply securely from the same page.\n\n"
                + "If you were not expecting this message, you can ignore this e-mail. We will never ask you\n"
                + "for a password, and the link only works together with a code sent to your address.\n\n"
                + p.organisation() + " secure mail\n";
        return notice(p.organisation() + " secure mail", p.from(), recipient,
                "Secure message from " + sender, body, domain, clock);
    }

    static byte[] code(GatewayConfig config, String recipient, String code, Duration ttl, String domain,
            Clock clock) throws IOException {
        GatewayConfig.Portal p = config.portal();
        String body = "Your code to open your secure message is:\n\n    " + code + "\n\n"
                + "It works once, for " + ttl.toMinutes() + " minutes. If you did not ask for it, ignore this e-mail.\n\n"
                + p.organisation() + " secure mail\n";
        return notice(p.organisation() + " secure mail", p.from(), recipient,
                "Your code: " + code, body, domain, clock);
    }

    static byte[] openedReceipt(GatewayConfig config, PortalMessage m, String when, String domain, Clock clock)
            throws IOException {
        GatewayConfig.Portal p = config.portal();
        String what = m.noticeSubject().isBlank() ? "sent on " + Portal.day(m.created())
                : "\"" + m.noticeSubject() + "\"";
        String body = "Hello,\n\n" + m.recipient() + " opened your secure message " + what + " on "
                + when + ".\n\n" + p.organisation() + " mail gateway\n";
        return notice(p.organisation() + " mail gateway", p.from(), m.sender(),
                "Opened: " + (m.noticeSubject().isBlank() ? "your secure message to " + m.recipient()
                        : m.noticeSubject()), body, domain, clock);
    }

    /** A plain-text notice from the gateway: auto-generated, not to be answered by robots. */
    private static byte[] notice(String fromName, String from, String to, String subject, String body, String domain,
            Clock clock) throws IOException {
        return OutgoingMail.from(from, fromName).to(to).subject(subject).text(body)
                .header("Auto-Submitted", "auto-generated").header("X-Auto-Response-Suppress", "All")
                .messageId(OutgoingMail.id(UUID.randomUUID().toString(), "portal-notice", domain)).toBytes(clock);
    }
}
