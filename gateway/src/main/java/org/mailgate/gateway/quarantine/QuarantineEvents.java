package org.mailgate.gateway.quarantine;

/**
 * What the quarantine tells others (the sender notices): of a decision, after it is committed.
 * Holding itself is reported by the pipeline, once per message, with the other recipients.
 */
public interface QuarantineEvents {

    /** An item left HELD: released, rejected, withdrawn or expired; {@code item} shows the new status. */
    default void decided(QuarantineItem item) {
    }

    QuarantineEvents NONE = new QuarantineEvents() {
    };
}
