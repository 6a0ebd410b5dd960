package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;

/**
 * STARTTLS (RFC 3207). Anything the client pipelined after the command in plain text is thrown
 * away with the old input buffer, so it cannot be injected into the encrypted session; after
 * the handshake the session starts over and the client must say EHLO again.
 */
final class StartTlsCommand extends SmtpCommand {

    private static final Logger log = LoggerFactory.getLogger(StartTlsCommand.class);

    StartTlsCommand(ReceiveContext ctx) {
        super("STARTTLS", "Starts TLS on this connection.", ctx);
    }

    @Override
    void run(String argument, Connection c) throws IOException, DropConnectionException {
        if (!argument.isEmpty()) {
            c.reply(Reply.NO_ARGUMENTS);
            return;
        }
        if (c.tls()) {
            c.reply(503, "5.5.1", "Error: TLS is already active");
            return;
        }
        if (c.session().isMailTransactionInProgress()) {
            c.reply(503, "5.5.1", "Error: STARTTLS is not allowed inside a mail transaction");
            return;
        }
        c.session().sendResponse("220 2.0.0 Ready to start TLS");
        Socket plain = c.session().getSocket();
        SSLSocket tls = (SSLSocket) ctx.tls().getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(org.mailgate.config.GatewayConfig.Tls.protocolsFrom(ctx.smtp().tls().minVersion(),
                tls.getSupportedProtocols()));
        try {
            tls.startHandshake();
        } catch (IOException e) {
            log.info("smtp: TLS handshake with [{}] failed: {}", c.client().getHostAddress(), e.getMessage());
            c.session().quit();
            return;
        }
        c.session().setSocket(tls);
        c.session().resetSmtpProtocol();
        c.session().setTlsStarted(true);
        c.greeted(false, false);
        log.debug("smtp: TLS {} {} with [{}]", tls.getSession().getProtocol(), tls.getSession().getCipherSuite(),
                c.client().getHostAddress());
    }
}
