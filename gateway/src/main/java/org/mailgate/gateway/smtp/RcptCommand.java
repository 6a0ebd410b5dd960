package org.mailgate.gateway.smtp;

import java.io.IOException;
import org.mailgate.gateway.notify.NoticeAddress;
import org.mailgate.gateway.spool.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;

/**
 * RCPT TO: adds a recipient, applying the relay rule: clients in {@code smtp.allowed_networks}
 * and authenticated clients may send anywhere; anyone else only to our internal domains, and to
 * the quarantine's notice address (replies to notices come back to it, and its domain need not
 * be one of ours).
 */
final class RcptCommand extends SmtpCommand {

    private static final Logger log = LoggerFactory.getLogger(RcptCommand.class);

    private final NoticeAddress notices;

    RcptCommand(ReceiveContext ctx) {
        super("RCPT", "Adds a recipient: RCPT TO:<address>", ctx);
        this.notices = new NoticeAddress(ctx.config().quarantine().notifyAddress());
    }

    @Override
    int maxLineLength() {
        return 1022;
    }

    @Override
    void run(String argument, Connection c) throws IOException, DropConnectionException {
        if (!c.session().isMailTransactionInProgress()) {
            c.reply(Reply.NEED_MAIL);
            return;
        }
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            c.reply(501, "5.5.4", "Syntax: RCPT TO:<address>");
            return;
        }
        Transaction tx = c.transaction();
        if (tx.recipients().size() >= ctx.smtp().maxRecipients()) {
            // RFC 5321 4.5.3.1.10: 452 tells the client to send the rest in another transaction.
            c.session().sendResponse(new Reply(452, "4.5.3", "Error: too many recipients").toString());
            return;
        }
        SmtpPath path;
        try {
            String arg = argument.substring(3).strip();
            // RFC 5321 4.5.1: <Postmaster> without a domain must be accepted.
            if (arg.regionMatches(true, 0, "<postmaster>", 0, 12) && !ctx.config().domains().internal().isEmpty()) {
                arg = "<postmaster@" + ctx.config().domains().internal().get(0).replace("*.", "") + ">"
                        + arg.substring(12);
            }
            path = SmtpPath.parse(arg, false);
        } catch (SmtpPath.SyntaxException e) {
            c.reply(501, "5.1.3", "Bad recipient address syntax: " + e.getMessage());
            return;
        }
        if (!path.parameters().isEmpty()) {
            c.reply(555, "5.5.4", "Unsupported RCPT parameter " + path.parameters().keySet().iterator().next());
            return;
        }
        if (!tx.smtpUtf8() && !SmtpPath.isAscii(path.address())) {
            c.reply(553, "5.6.7", "Non-ASCII recipient address requires SMTPUTF8 on MAIL FROM");
            return;
        }
        String domain = Envelope.domainOf(path.address());
        if (!c.mayRelay() && !ctx.config().domains().isInternal(domain) && !notices.matches(path.address())) {
            log.warn("smtp: relay denied from [{}] to domain {}", c.client().getHostAddress(), domain);
            c.reply(554, "5.7.1", "<" + SmtpPath.printable(path.address()) + ">: Relay access denied");
            return;
        }
        tx.addRecipient(path.address());
        c.reply(250, "2.1.5", "Ok");
    }
}
