package org.mailgate.gateway.pipeline;

import java.util.List;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.RecipientState;

/**
 * Carries out {@link Decision.Deliver} and {@link Decision.Encrypt} decisions for one message
 * and returns each recipient's starting state for delivery: the copy to send (the original or
 * one it wrote to the spool, such as an encrypted or signed one) or a hold with the reason. A
 * decision it cannot carry out must become a hold, never a plain delivery.
 */
@FunctionalInterface
public interface DecisionExecutor {

    /** One state per decision, in the same order. */
    List<RecipientState> execute(SpooledMessage message, List<Decision> decisions);
}
