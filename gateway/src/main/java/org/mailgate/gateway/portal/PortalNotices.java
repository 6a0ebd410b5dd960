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

    static byte[] senderConfirmation(GatewayConfig config, String sender, String recipient, String subject,
            Instant expires, String revokeLink, String domain, Clock clock) throws IOException {
        GatewayConfig.Portal p = config.portal();
        String body = "Hello,\n\n"
                + "Your message \"" + subject + "\" to " + recipient + " contained personal or sensitive\n"
                + "information and " + recipient + " has no encryption certificate, so it was not sent by\n"
                + "ordinary e-mail. We have sent them a link to read it in our secure portal instead.\n\n"
                + "You will get an e-mail when they first open it. It can be read until " + Portal.day(expires) + ".\n\n"
                + "If it went to the wrong person or should not have been sent, withdraw it here:\n\n    "
                + revokeLink + "\n\n"
                + p.organisation() + " mail gateway\n";
        return notice(p.organisation() + " mail gateway", p.from(), sender,
                "Sent securely: " + subject, body, domain, clock);
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
        String body = "Hello,\n\n" + m.recipient() + " opened your secure message \"" + m.subject() + "\" on "
                + when + ".\n\n" + p.organisation() + " mail gateway\n";
        return notice(p.organisation() + " mail gateway", p.from(), m.sender(),
                "Opened: " + m.subject(), body, domain, clock);
    }

    /** A plain-text notice from the gateway: auto-generated, not to be answered by robots. */
    private static byte[] notice(String fromName, String from, String to, String subject, String body, String domain,
            Clock clock) throws IOException {
        return OutgoingMail.from(from, fromName).to(to).subject(subject).text(body)
                .header("Auto-Submitted", "auto-generated").header("X-Auto-Response-Suppress", "All")
                .messageId(OutgoingMail.id(UUID.randomUUID().toString(), "portal-notice", domain)).toBytes(clock);
    }
}
