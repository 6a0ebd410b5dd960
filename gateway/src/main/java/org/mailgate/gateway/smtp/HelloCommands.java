package org.mailgate.gateway.smtp;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;

/** EHLO and HELO: greet, reset any transaction, and (for EHLO) list our extensions. */
final class HelloCommands {

    private HelloCommands() {
    }

    static final class Ehlo extends SmtpCommand {
        Ehlo(ReceiveContext ctx) {
            super("EHLO", "Introduce yourself and list the server's extensions.", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException, DropConnectionException {
            if (!greet(argument, c, true)) {
                return;
            }
            StringBuilder r = new StringBuilder();
            r.append("250-").append(ctx.smtp().hostname()).append(" greets ").append(safe(argument)).append("\r\n");
            r.append("250-PIPELINING\r\n");
            r.append("250-SIZE ").append(ctx.smtp().maxMessageBytes()).append("\r\n");
            r.append("250-8BITMIME\r\n");
            r.append("250-ENHANCEDSTATUSCODES\r\n");
            if (!c.tls()) {
                r.append("250-STARTTLS\r\n");
            } else if (!ctx.smtp().auth().users().isEmpty() && c.authenticatedUser() == null) {
                // RFC 4954 section 4: never offer plain-text passwords on an unencrypted channel.
                r.append("250-AUTH PLAIN LOGIN\r\n");
            }
            r.append("250-CHUNKING\r\n");
            r.append("250 SMTPUTF8");
            c.session().sendResponse(r.toString());
        }
    }

    static final class Helo extends SmtpCommand {
        Helo(ReceiveContext ctx) {
            super("HELO", "Introduce yourself (plain SMTP).", ctx);
        }

        @Override
        void run(String argument, Connection c) throws IOException, DropConnectionException {
            if (greet(argument, c, false)) {
                c.session().sendResponse("250 " + ctx.smtp().hostname());
            }
        }
    }

    private static boolean greet(String argument, Connection c, boolean esmtp)
            throws IOException, DropConnectionException {
        String name = argument.split(" ", 2)[0];
        if (name.isEmpty()) {
            c.reply(501, "5.5.4", "Syntax: " + (esmtp ? "EHLO" : "HELO") + " your.host.name");
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 33 || ch == 127) {
                c.reply(501, "5.5.4", "Error: invalid character in host name");
                return false;
            }
        }
        c.session().resetMailTransaction();
        c.session().setHelo(name);
        c.greeted(true, esmtp);
        return true;
    }

    private static String safe(String s) {
        return SmtpPath.printable(s.split(" ", 2)[0]);
    }
}
