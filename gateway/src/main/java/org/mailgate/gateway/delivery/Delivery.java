package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.pipeline.Pipeline;
import org.mailgate.gateway.spool.Arrivals;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.Spool;
import org.xbill.DNS.Resolver;

/** Builds the delivery side (queue manager, agent, bouncer) so its parts can stay package-private. */
public final class Delivery {

    private Delivery() {
    }

    public static QueueManager queueManager(GatewayConfig config, Spool spool, Pipeline pipeline, Arrivals arrivals, QueueIds ids,
            Clock clock, GatewayMetrics metrics, Resolver dnsResolver, int mxPort, OutgoingSignature signature)
            throws IOException, GeneralSecurityException {
        DeliveryAgent agent = new DeliveryAgent(config, new MxResolver(dnsResolver),
                new TlsClientContexts(config.delivery().trustedCertificates()), mxPort);
        Bouncer bouncer = new Bouncer(spool, ids, clock, config.smtp().hostname());
        return new QueueManager(config, spool, pipeline, arrivals, agent, bouncer, clock, metrics, signature);
    }
}
