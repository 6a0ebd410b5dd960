package org.mailgate.gateway.quarantine;

/** What the quarantine tells others (sender notices): after the change is committed. */
public interface QuarantineEvents {

    /** A message was held (called once per item, not again when the same message is seen twice). */
    default void held(QuarantineItem item) {
    }

    /** An item left HELD: released, rejected, withdrawn or expired; {@code item} shows the new status. */
    default void decided(QuarantineItem item) {
    }

    QuarantineEvents NONE = new QuarantineEvents() {
    };
}
