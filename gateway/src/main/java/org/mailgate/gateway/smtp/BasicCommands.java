package org.mailgate.gateway.smtp;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;

/** The small commands: RSET, NOOP, QUIT, VRFY, EXPN, HELP, and a door shut on HTTP. */
final class BasicCommands {

    private BasicCommands() {
    }

    static final class Rset extends SmtpCommand {
        Rset(ReceiveContext ctx) {
            super("RSET", "Aborts the current mail transaction.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException, DropConnectionException {
            if (!argument.isEmpty()) {
                c.reply(Reply.NO_ARGUMENTS);
                return;
            }
            c.session().resetMailTransaction();
            c.reply(Reply.OK);
        }
    }

    static final class Noop extends SmtpCommand {
        Noop(ReceiveContext ctx) {
            super("NOOP", "Does nothing.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException, DropConnectionException {
            c.reply(Reply.OK);
        }
    }

    static final class Quit extends SmtpCommand {
        Quit(ReceiveContext ctx) {
            super("QUIT", "Closes the connection.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException {
            c.session().sendResponse("221 2.0.0 Bye");
            c.session().quit();
        }
    }

    static final class Vrfy extends SmtpCommand {
        Vrfy(ReceiveContext ctx) {
            super("VRFY", "Not offered: addresses are not disclosed.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException, DropConnectionException {
            // RFC 5321 3.5.3: 252 means "cannot verify, but will try to deliver".
            c.reply(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");
        }
    }

    static final class Expn extends SmtpCommand {
        Expn(ReceiveContext ctx) {
            super("EXPN", "Not offered.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException, DropConnectionException {
            c.reply(502, "5.5.1", "EXPN is not available");
        }
    }

    static final class Help extends SmtpCommand {
        Help(ReceiveContext ctx) {
            super("HELP", "Lists commands.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException {
            c.session().sendResponse("214-2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY "
                    + "STARTTLS AUTH HELP\r\n214 2.0.0 See RFC 5321");
        }
    }

    /**
     * A browser or proxy speaking HTTP to the SMTP port (cross-protocol attacks): answer once
     * and hang up rather than treat the request headers as commands.
     */
    static final class Http extends SmtpCommand {
        Http(String verb, ReceiveContext ctx) {
            super(verb, "Not SMTP.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws DropConnectionException {
            throw new DropConnectionException(554, "5.7.0 This is an SMTP server; HTTP requests are refused");
        }
    }
}
