package org.mailgate.gateway.spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * How the gateway sends mail of its own (notices, released messages, auto-replies): the
 * message is spooled durably and queued for delivery before this returns.
 */
@FunctionalInterface
public interface Outbox {

    /**
     * Spools the message read from {@code message} (streamed to disk, never held whole) from
     * {@code sender} ({@code ""} for {@code <>}) and returns its envelope.
     */
    Envelope send(String sender, List<String> recipients, Envelope.Origin origin, InputStream message)
            throws IOException;

    default Envelope send(String sender, List<String> recipients, Envelope.Origin origin, byte[] message)
            throws IOException {
        return send(sender, recipients, origin, new ByteArrayInputStream(message));
    }

    /** Spools as from 127.0.0.1 under {@code hostname}, then announces the message to the queue. */
    static Outbox of(Spool spool, QueueIds ids, Arrivals arrivals, String hostname, Clock clock) {
        return (sender, recipients, origin, message) -> {
            Envelope sent = spool.submit(new Envelope(ids.next(), sender, recipients, clock.instant(), "127.0.0.1",
                    hostname, null, false, false, origin), message);
            arrivals.add(sent);
            return sent;
        };
    }
}
