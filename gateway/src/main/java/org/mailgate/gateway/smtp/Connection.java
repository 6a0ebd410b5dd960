package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * What we know about one client connection beyond the library's {@link Session}: where it
 * comes from, whether it may relay, who authenticated, and how many errors it has caused.
 */
final class Connection {

    private final Session session;
    private final InetAddress client;
    private final boolean allowedNetwork;
    private final int maxErrors;
    private final Instant opened;
    private int errors;
    private String authenticatedUser;
    private boolean greeted;
    private boolean esmtp;

    Connection(Session session, InetAddress client, boolean allowedNetwork, int maxErrors, Instant opened) {
        this.session = session;
        this.client = client;
        this.allowedNetwork = allowedNetwork;
        this.maxErrors = maxErrors;
        this.opened = opened;
    }

    Session session() {
        return session;
    }

    InetAddress client() {
        return client;
    }

    Instant opened() {
        return opened;
    }

    /** May this client send to external recipients? */
    boolean mayRelay() {
        return allowedNetwork || authenticatedUser != null;
    }

    String authenticatedUser() {
        return authenticatedUser;
    }

    void authenticated(String user) {
        this.authenticatedUser = user;
    }

    boolean greeted() {
        return greeted;
    }

    boolean esmtp() {
        return esmtp;
    }

    void greeted(boolean value, boolean extended) {
        greeted = value;
        esmtp = extended;
    }

    boolean tls() {
        return session.isTLSStarted();
    }

    Transaction transaction() {
        return (Transaction) session.getMessageHandler();
    }

    /** Sends a reply; after too many errors the connection is closed with 421. */
    void reply(Reply reply) throws IOException, DropConnectionException {
        session.sendResponse(reply.toString());
        if (reply.isError() && ++errors >= maxErrors) {
            throw new DropConnectionException(421, "4.7.0 Too many errors in this session; closing connection");
        }
    }

    void reply(int code, String enhanced, String text) throws IOException, DropConnectionException {
        reply(new Reply(code, enhanced, text));
    }
}
