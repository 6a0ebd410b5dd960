package org.mailgate.gateway.quarantine;

import java.io.IOException;

/**
 * What the quarantine tells others (sender notices): of a hold inside its transaction, of a
 * decision after it is committed.
 */
public interface QuarantineEvents {

    /**
     * A message was held (called once per item, inside the transaction that stores it). Throw
     * an IOException when what must go with holding cannot be done now (the spool is full):
     * the message is then not held yet and is handed over again later.
     */
    default void held(QuarantineItem item) throws IOException {
    }

    /** An item left HELD: released, rejected, withdrawn or expired; {@code item} shows the new status. */
    default void decided(QuarantineItem item) {
    }

    QuarantineEvents NONE = new QuarantineEvents() {
    };
}
