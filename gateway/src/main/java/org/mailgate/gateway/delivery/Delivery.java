package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.pipeline.Pipeline;
import org.mailgate.gateway.spool.Arrivals;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.Spool;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** Builds the delivery side (queue manager, agent, bouncer) so its parts can stay package-private. */
public final class Delivery {

    private Delivery() {
    }

    public static QueueManager queueManager(GatewayConfig config, Spool spool, Pipeline pipeline, Arrivals arrivals, QueueIds ids,
            Clock clock, GatewayMetrics metrics, Resolver dnsResolver, int mxPort, OutgoingSignature signature,
            TransportSecurity security)
            throws IOException, GeneralSecurityException {
        DeliveryAgent agent = new DeliveryAgent(config, new MxResolver(dnsResolver),
                new TlsClientContexts(config.delivery().trustedCertificates()), mxPort, security, metrics);
        Bouncer bouncer = new Bouncer(spool, ids, clock, config.smtp().hostname());
        return new QueueManager(config, spool, pipeline, arrivals, agent, bouncer, clock, metrics, signature);
    }

    /** TLS that checks certificates against the JDK's CAs and {@code delivery.trusted_certificates}. */
    public static javax.net.ssl.SSLContext verifiedTls(GatewayConfig config) throws IOException, GeneralSecurityException {
        return new TlsClientContexts(config.delivery().trustedCertificates()).verified();
    }

    /** The resolver for {@code dns.servers}: null (the system's) when none is configured. */
    public static Resolver resolverFor(GatewayConfig.Dns dns) {
        if (dns.servers().isEmpty()) {
            return null;
        }
        List<Resolver> each = new java.util.ArrayList<>();
        for (org.mailgate.config.HostPort s : dns.servers()) {
            SimpleResolver r = new SimpleResolver(new java.net.InetSocketAddress(s.host(), s.port()));
            r.setTimeout(java.time.Duration.ofSeconds(5));
            each.add(r);
        }
        return each.size() == 1 ? each.get(0) : new ExtendedResolver(each);
    }
}
