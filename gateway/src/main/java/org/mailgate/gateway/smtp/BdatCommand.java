package org.mailgate.gateway.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.subethamail.smtp.DropConnectionException;

/**
 * BDAT (RFC 3030 CHUNKING), our own because the library's has had bugs with several messages
 * per session and with when the final 250 is sent (subethasmtp #75, #162). Each chunk is read
 * byte-exact from the raw input into one spool file kept open across chunks; the 250 for
 * {@code BDAT n LAST} is sent only after the file is durable. A chunk that follows an error
 * is still read in full, so that a pipelining client and this server stay in step.
 */
final class BdatCommand extends SmtpCommand {

    private static final int BLOCK = 8192;

    BdatCommand(ReceiveContext ctx) {
        super("BDAT", "Sends a chunk of the message: BDAT size [LAST]", ctx);
    }

    @Override
    void run(String argument, Connection c) throws IOException, DropConnectionException {
        String[] args = argument.split(" +");
        long size;
        try {
            size = Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            // Without a size we cannot tell where the chunk ends: the only safe move is to hang up.
            throw new DropConnectionException(501, "5.5.4 Syntax: BDAT size [LAST]; closing connection");
        }
        boolean last = args.length == 2 && args[1].toUpperCase(Locale.ROOT).equals("LAST");
        if (size < 0 || args.length > 2 || (args.length == 2 && !last)) {
            throw new DropConnectionException(501, "5.5.4 Syntax: BDAT size [LAST]; closing connection");
        }
        if (size > ctx.smtp().maxMessageBytes() * 2 + BLOCK) {
            throw new DropConnectionException(552, "5.3.4 Chunk far exceeds the maximum message size; closing connection");
        }
        Reply refusal = precondition(c);
        if (refusal != null) {
            discard(c, size);
            c.reply(refusal);
            return;
        }
        Transaction tx = c.transaction();
        if (tx.chunked() == null) {
            try {
                tx.chunked(Intake.open(ctx, c));
            } catch (IOException e) {
                discard(c, size);
                c.session().resetMailTransaction();
                c.reply(451, "4.3.0", "Could not store the message; please try again later");
                return;
            }
        }
        Intake intake = tx.chunked();
        Deadline deadline = new Deadline(c.session().getSocket(), ctx.clock(), ctx.smtp().dataTimeout(),
                ctx.smtp().commandTimeout());
        try {
            copy(c.session().getRawInput(), size, intake.checker(), deadline);
        } catch (EOFException e) {
            throw new DropConnectionException(421, "4.4.2 Connection closed during BDAT");
        } catch (SocketTimeoutException e) {
            throw new DropConnectionException(421, "4.4.2 Timeout while receiving the message; closing connection");
        } finally {
            deadline.disarm();
        }
        ContentChecker.Problem problem = intake.checker().problem();
        if (last || problem != null) {
            tx.chunked(null);
            Reply reply = intake.finish();
            c.session().resetMailTransaction();
            c.reply(reply);
        } else {
            c.reply(250, "2.0.0", size + " octets received");
        }
    }

    private Reply precondition(Connection c) {
        if (!c.session().isMailTransactionInProgress()) {
            return Reply.NEED_MAIL;
        }
        if (c.transaction().recipients().isEmpty()) {
            return new Reply(554, "5.5.1", "Error: no valid recipients");
        }
        return null;
    }

    private void discard(Connection c, long size) throws IOException, DropConnectionException {
        Deadline deadline = new Deadline(c.session().getSocket(), ctx.clock(), ctx.smtp().dataTimeout(),
                ctx.smtp().commandTimeout());
        try {
            copy(c.session().getRawInput(), size, null, deadline);
        } catch (SocketTimeoutException e) {
            throw new DropConnectionException(421, "4.4.2 Timeout while receiving the message; closing connection");
        } finally {
            deadline.disarm();
        }
    }

    private static void copy(InputStream in, long size, ContentChecker sink, Deadline deadline) throws IOException {
        byte[] buf = new byte[BLOCK];
        long left = size;
        while (left > 0) {
            deadline.arm();
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("connection closed inside a BDAT chunk");
            }
            if (sink != null) {
                sink.write(buf, 0, n);
            }
            left -= n;
        }
    }
}
