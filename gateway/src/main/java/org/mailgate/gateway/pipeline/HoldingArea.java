package org.mailgate.gateway.pipeline;

import java.util.Map;
import org.mailgate.gateway.policy.HoldReason;

/**
 * Where held recipients go (the quarantine), with the classification and sensitivity labels the
 * hold was based on.
 * The pipeline calls it again after a failure or a restart, so a second call for the same
 * message must be treated as the first: no duplicate.
 */
@FunctionalInterface
public interface HoldingArea {

    /**
     * Stores the message for the held recipients, each with why it is held (in envelope
     * order); returns a short reference (such as "quarantine item 42") once it is durably
     * stored there; throws if it cannot be stored now.
     *
     * @param verdict the classification (empty if the message could not be classified: then it
     *        counts as HIGH) and the labels found on the message
     */
    String take(SpooledMessage message, Map<String, HoldReason> held, Verdict verdict) throws Exception;
}
