package org.mailgate.gateway.spool;

import java.util.Optional;

/** One message in the spool: its envelope, its delivery state if processed, its size. */
public record SpoolEntry(Envelope envelope, Optional<DeliveryState> state, long size) {
}
