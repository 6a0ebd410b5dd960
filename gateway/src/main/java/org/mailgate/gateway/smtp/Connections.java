package org.mailgate.gateway.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailgate.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits connections (at most {@code smtp.max_connections_per_ip} at once from one address, so
 * one client cannot take every thread) and keeps each session's {@link Connection}.
 */
final class Connections implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final GatewayConfig.Smtp config;
    private final Clock clock;
    private final Map<Session, Connection> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    Connections(GatewayConfig.Smtp config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = session.getRemoteAddress().getAddress();
        int count = perAddress.merge(client, 1, Integer::sum);
        if (count > config.maxConnectionsPerIp()) {
            release(client);
            log.warn("smtp: refused connection from [{}]: {} connections already open from that address",
                    client.getHostAddress(), config.maxConnectionsPerIp());
            return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address; try again later");
        }
        open.put(session, new Connection(session, client, config.isAllowedNetwork(client), config.maxErrors(),
                clock.instant()));
        log.debug("smtp: connect from [{}]", client.getHostAddress());
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        Connection c = open.remove(session);
        if (c != null) {
            release(c.client());
            log.debug("smtp: disconnect from [{}]", c.client().getHostAddress());
        }
    }

    Connection get(Session session) {
        Connection c = open.get(session);
        if (c == null) {
            throw new IllegalStateException("no connection state for session " + session.getSessionId());
        }
        return c;
    }

    private void release(InetAddress client) {
        perAddress.computeIfPresent(client, (k, v) -> v <= 1 ? null : v - 1);
    }
}
