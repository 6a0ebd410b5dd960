package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.subethamail.smtp.DropConnectionException;

/** MAIL FROM: starts a transaction after checking the sender path and its parameters. */
final class MailCommand extends SmtpCommand {

    MailCommand(ReceiveContext ctx) {
        super("MAIL", "Starts a mail transaction: MAIL FROM:<sender> [SIZE=n] [BODY=8BITMIME] [SMTPUTF8]", ctx);
    }

    /** RFC 1870, 4954, 6152, 6531 each extend the MAIL line; 1024 covers them together. */
    @Override
    int maxLineLength() {
        return 1022;
    }

    @Override
    void run(String argument, Connection c) throws IOException, DropConnectionException {
        if (!c.greeted()) {
            c.reply(Reply.NEED_HELO);
            return;
        }
        if (c.session().isMailTransactionInProgress()) {
            c.reply(503, "5.5.1", "Error: nested MAIL command");
            return;
        }
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            c.reply(501, "5.5.4", "Syntax: MAIL FROM:<address>");
            return;
        }
        SmtpPath path;
        try {
            path = SmtpPath.parse(argument.substring(5), true);
        } catch (SmtpPath.SyntaxException e) {
            c.reply(501, "5.1.7", "Bad sender address syntax: " + e.getMessage());
            return;
        }
        Map<String, String> params = path.parameters();
        boolean utf8 = params.containsKey("SMTPUTF8");
        for (Map.Entry<String, String> p : params.entrySet()) {
            Reply problem = checkParameter(p.getKey(), p.getValue());
            if (problem != null) {
                c.reply(problem);
                return;
            }
        }
        if (!utf8 && !SmtpPath.isAscii(path.address())) {
            c.reply(553, "5.6.7", "Non-ASCII sender address requires the SMTPUTF8 parameter");
            return;
        }
        c.session().startMailTransaction();
        c.transaction().sender(path.address(), utf8);
        c.reply(250, "2.1.0", "Ok");
    }

    private Reply checkParameter(String key, String value) {
        switch (key) {
            case "SIZE":
                if (value == null || !value.matches("\\d{1,18}")) {
                    return new Reply(501, "5.5.4", "Syntax: SIZE=number");
                }
                if (Long.parseLong(value) > ctx.smtp().maxMessageBytes()) {
                    return new Reply(552, "5.3.4", "Message size exceeds fixed maximum message size ("
                            + ctx.smtp().maxMessageBytes() + " octets)");
                }
                return null;
            case "BODY":
                String body = value == null ? "" : value.toUpperCase(Locale.ROOT);
                return body.equals("7BIT") || body.equals("8BITMIME") ? null
                        : new Reply(501, "5.5.4", "Syntax: BODY=7BIT or BODY=8BITMIME");
            case "SMTPUTF8":
                return value == null ? null : new Reply(501, "5.5.4", "SMTPUTF8 takes no value");
            case "AUTH":
                return null; // RFC 4954 5: accepted and not used
            default:
                return new Reply(555, "5.5.4", "Unsupported MAIL parameter " + key);
        }
    }
}
