package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.mailgate.config.Route;
import org.mailgate.gateway.spool.Envelope;

/** One copy of a message for recipients that share a next hop and a TLS policy. */
public record DeliveryJob(
        Envelope envelope,
        List<String> recipients,
        String content,
        long size,
        Opener opener,
        Route route,
        String domain,
        TlsRule tls) {

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
