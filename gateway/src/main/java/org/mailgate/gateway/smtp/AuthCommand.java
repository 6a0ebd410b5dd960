package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Passwords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;

/**
 * AUTH PLAIN and LOGIN (RFC 4954, 4616), only inside TLS. Passwords are checked against the
 * bcrypt hashes in {@code smtp.auth.users}; each failure counts as a session error, so a
 * client gets {@code smtp.max_errors} guesses per connection at bcrypt speed.
 */
final class AuthCommand extends SmtpCommand {

    private static final Logger log = LoggerFactory.getLogger(AuthCommand.class);

    AuthCommand(ReceiveContext ctx) {
        super("AUTH", "Authenticates: AUTH PLAIN [initial-response] or AUTH LOGIN", ctx);
    }

    @Override
    int maxLineLength() {
        return 12288; // RFC 4954 4: initial responses may be long
    }

    @Override
    void run(String argument, Connection c) throws IOException, DropConnectionException {
        if (!c.tls()) {
            c.reply(538, "5.7.11", "Encryption required for requested authentication mechanism: use STARTTLS first");
            return;
        }
        if (ctx.smtp().auth().users().isEmpty()) {
            c.reply(502, "5.5.1", "Error: authentication is not enabled on this server");
            return;
        }
        if (!c.greeted()) {
            c.reply(Reply.NEED_HELO);
            return;
        }
        if (c.authenticatedUser() != null) {
            c.reply(503, "5.5.1", "Error: already authenticated");
            return;
        }
        if (c.session().isMailTransactionInProgress()) {
            c.reply(503, "5.5.1", "Error: AUTH is not allowed inside a mail transaction");
            return;
        }
        String[] parts = argument.split(" +", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String initial = parts.length > 1 ? parts[1] : null;
        String[] credentials;
        switch (mechanism) {
            case "PLAIN" -> credentials = plain(c, initial);
            case "LOGIN" -> credentials = login(c, initial);
            default -> {
                c.reply(504, "5.5.4", "Unrecognized authentication mechanism; use PLAIN or LOGIN");
                return;
            }
        }
        if (credentials == null) {
            return; // cancelled or malformed; reply already sent
        }
        GatewayConfig.AuthUser user = ctx.smtp().auth().users().stream()
                .filter(u -> u.name().equals(credentials[0])).findFirst().orElse(null);
        if (!Passwords.matches(credentials[1], user == null ? null : user.passwordHash())) {
            log.warn("smtp: authentication failed for user {} from [{}]", SmtpPath.printable(credentials[0]),
                    c.client().getHostAddress());
            c.reply(535, "5.7.8", "Authentication credentials invalid");
            return;
        }
        c.authenticated(user.name());
        log.info("smtp: [{}] authenticated as {}", c.client().getHostAddress(), user.name());
        c.reply(235, "2.7.0", "Authentication successful");
    }

    /** PLAIN: one base64 blob of authzid NUL authcid NUL password. */
    private String[] plain(Connection c, String initial) throws IOException, DropConnectionException {
        String response = initial;
        if (response == null) {
            c.session().sendResponse("334 ");
            response = readResponse(c);
            if (response == null) {
                return null;
            }
        }
        byte[] decoded = decode(c, response);
        if (decoded == null) {
            return null;
        }
        String[] fields = new String(decoded, StandardCharsets.UTF_8).split("\0", -1);
        if (fields.length != 3 || fields[1].isEmpty()) {
            c.reply(501, "5.5.2", "Malformed PLAIN response");
            return null;
        }
        return new String[] {fields[1], fields[2]};
    }

    /** LOGIN: user name and password in two base64 prompts. */
    private String[] login(Connection c, String initial) throws IOException, DropConnectionException {
        String userB64 = initial;
        if (userB64 == null) {
            c.session().sendResponse("334 " + b64("Username:"));
            userB64 = readResponse(c);
            if (userB64 == null) {
                return null;
            }
        }
        byte[] user = decode(c, userB64);
        if (user == null) {
            return null;
        }
        c.session().sendResponse("334 " + b64("Password:"));
        String passB64 = readResponse(c);
        if (passB64 == null) {
            return null;
        }
        byte[] pass = decode(c, passB64);
        if (pass == null) {
            return null;
        }
        return new String[] {new String(user, StandardCharsets.UTF_8), new String(pass, StandardCharsets.UTF_8)};
    }

    private String readResponse(Connection c) throws IOException, DropConnectionException {
        String line = c.session().getReader().readLine();
        if (line == null) {
            throw new DropConnectionException(421, "4.4.2 Connection closed during authentication");
        }
        if (line.equals("*")) {
            c.reply(501, "5.7.0", "Authentication cancelled");
            return null;
        }
        return line;
    }

    private byte[] decode(Connection c, String base64) throws IOException, DropConnectionException {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            c.reply(501, "5.5.2", "Cannot decode base64 response");
            return null;
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }
}
