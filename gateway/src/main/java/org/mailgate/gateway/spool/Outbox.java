package org.mailgate.gateway.spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * How the gateway sends mail of its own (notices, released messages, auto-replies): the
 * message is spooled durably and queued for delivery before {@link #send} returns.
 */
public interface Outbox {

    /**
     * Spools the message read from {@code message} (streamed to disk, never held whole) from
     * {@code sender} ({@code ""} for {@code <>}) and returns its envelope, without telling the
     * queue yet: for a caller that must commit its own record of the message first. The queue
     * finds it when it is {@linkplain #announce announced}, or at the next start.
     */
    Envelope spool(String sender, List<String> recipients, Envelope.Origin origin, InputStream message)
            throws IOException;

    /** Hands a message {@linkplain #spool spooled} earlier to the queue. */
    void announce(Envelope spooled);

    /** Spools the message and hands it to the queue. */
    default Envelope send(String sender, List<String> recipients, Envelope.Origin origin, InputStream message)
            throws IOException {
        Envelope sent = spool(sender, recipients, origin, message);
        announce(sent);
        return sent;
    }

    default Envelope send(String sender, List<String> recipients, Envelope.Origin origin, byte[] message)
            throws IOException {
        return send(sender, recipients, origin, new ByteArrayInputStream(message));
    }

    /** Spools as from 127.0.0.1 under {@code hostname}, then announces the message to the queue. */
    static Outbox of(Spool spool, QueueIds ids, Arrivals arrivals, String hostname, Clock clock) {
        return new Outbox() {
            @Override
            public Envelope spool(String sender, List<String> recipients, Envelope.Origin origin, InputStream message)
                    throws IOException {
                return spool.submit(new Envelope(ids.next(), sender, recipients, clock.instant(), "127.0.0.1",
                        hostname, null, false, false, origin), message);
            }

            @Override
            public void announce(Envelope spooled) {
                arrivals.add(spooled);
            }
        };
    }
}
