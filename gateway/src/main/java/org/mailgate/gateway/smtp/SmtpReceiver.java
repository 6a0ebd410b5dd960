package org.mailgate.gateway.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.concurrent.NamedThreadFactory;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The receiving side: subethasmtp accepts connections and runs sessions; every command is one
 * of ours (see the classes in this package), because the library's commands lack enhanced
 * status codes, the relay rule, strict limits and a durable 250.
 */
public final class SmtpReceiver {

    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final SMTPServer server;
    private final Connections connections;

    public SmtpReceiver(GatewayConfig config, Spool spool, QueueIds queueIds, Clock clock,
            Consumer<Envelope> onAccepted, SSLContext tls, GatewayMetrics metrics) {
        GatewayConfig.Smtp smtp = config.smtp();
        this.connections = new Connections(smtp, clock);
        ReceiveContext ctx = new ReceiveContext(config, connections, spool, queueIds, clock, onAccepted, tls, metrics);
        ExecutorService sessions = new ThreadPoolExecutor(0, smtp.maxConnections() + 16, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedThreadFactory("smtp"));
        this.server = SMTPServer.port(smtp.listen().port())
                .bindAddress(address(smtp.listen().host()))
                .hostName(smtp.hostname())
                .softwareName("mailgate")
                .maxConnections(smtp.maxConnections())
                .connectionTimeout((int) smtp.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, smtp.maxMessageBytes()))
                .maxRecipients(smtp.maxRecipients())
                .sessionHandler(connections)
                .messageHandlerFactory(context -> new Transaction())
                .executorService(sessions)
                .enableTLS(true)
                .backlog(256)
                .build();
        register(server.getCommandHandler(), ctx);
    }

    private static void register(CommandHandler handler, ReceiveContext ctx) {
        List.of(new HelloCommands.Ehlo(ctx), new HelloCommands.Helo(ctx), new MailCommand(ctx), new RcptCommand(ctx),
                new DataCommand(ctx), new BdatCommand(ctx), new StartTlsCommand(ctx), new AuthCommand(ctx),
                new BasicCommands.Rset(ctx), new BasicCommands.Noop(ctx), new BasicCommands.Quit(ctx),
                new BasicCommands.Vrfy(ctx), new BasicCommands.Expn(ctx), new BasicCommands.Help(ctx),
                new BasicCommands.Http("GET", ctx), new BasicCommands.Http("POST", ctx),
                new BasicCommands.Http("HEAD", ctx), new BasicCommands.Http("PUT", ctx),
                new BasicCommands.Http("CONNECT", ctx))
                .forEach(handler::addCommand);
    }

    /** Opens the port; throws if it cannot be bound. */
    public void start() {
        server.start();
        log.info("smtp: listening on {}:{}", server.getBindAddress().map(InetAddress::getHostAddress).orElse("*"),
                server.getPortAllocated());
    }

    public int port() {
        return server.getPortAllocated();
    }

    public void stop() {
        server.stop();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("smtp.listen: cannot resolve " + host, e);
        }
    }
}
