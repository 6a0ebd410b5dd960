package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.util.Optional;
import org.mailgate.gateway.spool.Envelope;

/**
 * A header field put in front of a message's bytes on the way out, computed over exactly the
 * bytes that follow it (a DKIM signature). Asked at every delivery attempt; the spooled bytes
 * are never changed.
 */
@FunctionalInterface
public interface OutgoingSignature {

    /**
     * @param copy the content is a copy the gateway made (S/MIME), not the message as received
     * @return the header field, ending in CRLF, or empty to send the bytes as they are
     * @throws IOException the content cannot be read: the delivery is tried again later
     */
    Optional<byte[]> headerFor(Envelope envelope, boolean copy, DeliveryJob.Opener content) throws IOException;

    static OutgoingSignature none() {
        return (envelope, copy, content) -> Optional.empty();
    }
}
