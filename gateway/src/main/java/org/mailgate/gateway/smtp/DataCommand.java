package org.mailgate.gateway.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.subethamail.smtp.DropConnectionException;

/**
 * DATA: receives the message up to {@code CRLF.CRLF} straight into the spool, checking limits
 * on the way, and answers 250 only after the spool file is durable.
 */
final class DataCommand extends SmtpCommand {

    DataCommand(ReceiveContext ctx) {
        super("DATA", "Sends the message, ended by a line holding only '.'", ctx);
    }

    @Override
    void run(String argument, Connection c) throws IOException, DropConnectionException {
        if (!argument.isEmpty()) {
            c.reply(Reply.NO_ARGUMENTS);
            return;
        }
        if (!c.session().isMailTransactionInProgress()) {
            c.reply(Reply.NEED_MAIL);
            return;
        }
        Transaction tx = c.transaction();
        if (tx.chunked() != null) {
            c.reply(503, "5.5.1", "Error: DATA cannot follow BDAT in one transaction");
            return;
        }
        if (tx.recipients().isEmpty()) {
            c.reply(554, "5.5.1", "Error: no valid recipients");
            return;
        }
        Intake intake;
        try {
            intake = Intake.open(ctx, c);
        } catch (IOException e) {
            c.reply(451, "4.3.0", "Could not store the message; please try again later");
            return;
        }
        c.session().sendResponse("354 End data with <CR><LF>.<CR><LF>");
        Deadline deadline = new Deadline(c.session().getSocket(), ctx.clock(), ctx.smtp().dataTimeout(),
                ctx.smtp().commandTimeout());
        boolean complete = false;
        try {
            new DotDecoder().transfer(c.session().getRawInput(), intake.checker(), deadline);
            complete = true;
        } catch (EOFException e) {
            throw new DropConnectionException(421, "4.4.2 Connection closed during DATA");
        } catch (SocketTimeoutException e) {
            throw new DropConnectionException(421, "4.4.2 Timeout while receiving the message; closing connection");
        } finally {
            deadline.disarm();
            if (!complete) {
                intake.abort();
            }
        }
        Reply reply = intake.finish();
        c.session().resetMailTransaction();
        c.reply(reply);
    }
}
