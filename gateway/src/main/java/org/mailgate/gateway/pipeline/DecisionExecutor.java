package org.mailgate.gateway.pipeline;

import java.util.List;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.RecipientState;

/**
 * Carries out the stage's decisions for one message and returns each recipient's starting
 * state for delivery: the copy to send (original or a copy it wrote, such as an encrypted one)
 * or a hold. A decision it cannot carry out must become a hold, never a plain delivery.
 */
@FunctionalInterface
public interface DecisionExecutor {

    List<RecipientState> execute(SpooledMessage message, List<Decision> decisions);

    /** Delivers, holds and consumes; anything else (encryption, ...) is held with the reason why. */
    static DecisionExecutor basic() {
        return (message, decisions) -> decisions.stream().map(DecisionExecutor::basic).toList();
    }

    static RecipientState basic(Decision d) {
        if (d instanceof Decision.Deliver deliver) {
            return RecipientState.pending(d.recipient(), RecipientState.ORIGINAL, deliver.requireTls(), d.reason());
        }
        if (d instanceof Decision.Consume) {
            // Whatever the gateway does with mail addressed to itself is done by a decorating
            // executor; here there is simply nothing left to deliver.
            return RecipientState.consumed(d.recipient(), d.reason());
        }
        String why = d instanceof Decision.Hold ? d.reason()
                : d.reason() + "; but this gateway cannot carry out " + d.getClass().getSimpleName();
        return RecipientState.held(d.recipient(), why);
    }
}
