package org.mailgate.gateway.spool;

import java.io.IOException;
import java.util.List;

/**
 * How the gateway sends mail of its own (notices, released messages, auto-replies): the
 * message is spooled durably and queued for delivery before this returns.
 */
@FunctionalInterface
public interface Outbox {

    /** Spools {@code message} from {@code sender} ({@code ""} for {@code <>}) and returns its envelope. */
    Envelope send(String sender, List<String> recipients, Envelope.Origin origin, byte[] message) throws IOException;
}
