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

    /** The domain's TLS policy, raised to REQUIRED when the processing stage demanded it. */
    TlsPolicy tlsFor(String recipient, boolean requiredByPolicy) {
        TlsPolicy configured = config.delivery().policyFor(Envelope.domainOf(recipient)).tls();
        return requiredByPolicy ? TlsPolicy.REQUIRED : configured;
    }
}
