package org.mailgate.gateway.pipeline;

import org.mailgate.gateway.policy.HoldReason;

/**
 * What became of one recipient's copy once the pipeline has carried out every decision of a
 * message: the route it took, and for a held copy why. This is what the sender is told.
 *
 * @param hold why it was held; null unless {@code route} is {@link Route#HELD}
 */
public record Outcome(String recipient, Route route, HoldReason hold) {

    public enum Route {
        /** Queued for delivery as it is. */
        DELIVER,
        /** Queued for delivery only over TLS with a verified certificate (a trusted partner). */
        VERIFIED_TLS,
        /** Queued as an S/MIME copy encrypted for the recipient's certificate. */
        ENCRYPTED,
        /** Kept in the secure portal; the recipient has a link. */
        PORTAL,
        /** Held in the quarantine for review. */
        HELD,
        /** Addressed to the gateway itself (a reply to a notice). */
        CONSUMED
    }
}
