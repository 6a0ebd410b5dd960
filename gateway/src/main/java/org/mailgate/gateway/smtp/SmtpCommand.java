package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.util.Locale;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Base of our SMTP commands, which replace the library's: each enforces the 512-octet command
 * line limit (RFC 5321 4.5.3.1.4) and replies through {@link Connection#reply} so that errors
 * are counted.
 */
abstract class SmtpCommand implements Command {

    static final int MAX_LINE = 510;

    private final String name;
    private final String help;
    final ReceiveContext ctx;

    SmtpCommand(String name, String help, ReceiveContext ctx) {
        this.name = name;
        this.help = help;
        this.ctx = ctx;
    }

    @Override
    public final void execute(String line, Session session) throws IOException, DropConnectionException {
        Connection c = ctx.connections().get(session);
        if (line.length() > maxLineLength()) {
            c.reply(Reply.LINE_TOO_LONG);
            return;
        }
        String rest = line.length() > name.length() ? line.substring(name.length()) : "";
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            // e.g. "MAILX": the library matched on the first four letters only
            c.reply(500, "5.5.2", "Error: command not recognized");
            return;
        }
        run(rest.trim(), c);
    }

    /** Room for ESMTP parameters, where an extension grants it (MAIL, RCPT). */
    int maxLineLength() {
        return MAX_LINE;
    }

    abstract void run(String argument, Connection c) throws IOException, DropConnectionException;

    @Override
    public HelpMessage getHelp() {
        return new HelpMessage(name, help);
    }

    @Override
    public String getName() {
        return name.toUpperCase(Locale.ROOT);
    }
}
