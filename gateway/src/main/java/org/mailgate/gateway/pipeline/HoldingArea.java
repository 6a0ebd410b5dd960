package org.mailgate.gateway.pipeline;

import java.util.List;
import org.mailgate.gateway.spool.RecipientState;

/**
 * Where held recipients go when they leave the spool (the quarantine). The queue calls it
 * for every message with held recipients, again after a failure or a restart, so it must
 * treat a second call for the same message as the first: no duplicate.
 */
@FunctionalInterface
public interface HoldingArea {

    /**
     * Stores the message for {@code held} recipients; returns a short reference (such as
     * "quarantine item 42") once it is durably stored there; throws if it cannot be stored now.
     */
    String take(SpooledMessage message, List<RecipientState> held) throws Exception;
}
