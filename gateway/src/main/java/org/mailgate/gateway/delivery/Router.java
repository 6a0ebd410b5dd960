package org.mailgate.gateway.delivery;

import org.mailgate.config.GatewayConfig;
import org.mailgate.config.GatewayConfig.TlsPolicy;
import org.mailgate.config.Route;
import org.mailgate.gateway.spool.Envelope;

/** Picks the route for a recipient (internal domains to the internal server, the rest out). */
final class Router {

    private final GatewayConfig config;

    Router(GatewayConfig config) {
        this.config = config;
    }

    Route routeFor(String recipient) {
        return config.domains().isInternal(Envelope.domainOf(recipient))
                ? config.routes().internal() : config.routes().external();
    }

    /**
     * The TLS level for a recipient and why: {@code verify} when the processing stage demanded
     * verified TLS (sensitive mail to a trusted partner; never lowered by a domain entry), else
     * the domain's {@code delivery.domains} entry, else {@code may}.
     */
    TlsRule tlsFor(String recipient, boolean requiredByPolicy) {
        if (requiredByPolicy) {
            return new TlsRule(TlsPolicy.VERIFY, "trusted-partner");
        }
        String domain = Envelope.domainOf(recipient);
        return config.delivery().entryFor(domain)
                .map(entry -> new TlsRule(config.delivery().policyFor(domain).tls(), entry))
                .orElse(new TlsRule(TlsPolicy.MAY, "default"));
    }
}
