package org.mailgate.gateway.pipeline;

import java.util.List;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.RecipientState;

/**
 * Where {@link Decision.Portal} recipients go: the secure portal keeps the message and tells
 * them. Returns one state per decision: handled once stored, or held if it cannot be stored
 * for a reason that is the message's own. Throws {@link ProcessLaterException} when its store
 * cannot be reached: the message then waits in the spool and is processed again.
 */
@FunctionalInterface
public interface Deposit {

    List<RecipientState> deposit(SpooledMessage message, List<Decision.Portal> decisions);
}
