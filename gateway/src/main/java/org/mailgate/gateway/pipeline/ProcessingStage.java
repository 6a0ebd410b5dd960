package org.mailgate.gateway.pipeline;

import java.util.List;
import org.mailgate.gateway.policy.Decision;

/**
 * The step between spool and delivery: looks at a message once and decides, for every
 * recipient, what happens to it. Classification, encryption, quarantine and auto-replies plug
 * in here without touching receive or delivery.
 *
 * <p>An implementation may block (it runs on its own thread with a time limit) and may throw:
 * the {@link Processor} then fails closed.
 */
@FunctionalInterface
public interface ProcessingStage {

    List<Decision> process(SpooledMessage message) throws Exception;

    /** The relay alone: every recipient gets the original, as received. */
    static ProcessingStage deliverAll() {
        return message -> message.envelope().recipients().stream()
                .<Decision>map(r -> new Decision.Deliver(r, false, "relay"))
                .toList();
    }
}
