package org.mailgate.gateway.pipeline;

import org.mailgate.gateway.policy.Decision;

/**
 * The step of the {@link Pipeline} that looks at a message once and decides, for every
 * recipient, what happens to it (in the gateway: classify, then ask the protection policy).
 *
 * <p>An implementation may block (it runs on its own thread with a time limit) and may throw:
 * the {@link Pipeline} then fails closed.
 */
@FunctionalInterface
public interface ProcessingStage {

    Verdict process(SpooledMessage message) throws Exception;

    /** The relay alone: every recipient gets the original, as received. */
    static ProcessingStage deliverAll() {
        return message -> Verdict.unclassified(message.envelope().recipients().stream()
                .<Decision>map(r -> new Decision.Deliver(r, false, "relay"))
                .toList());
    }
}
