package org.mailgate.gateway.pipeline;

import java.io.IOException;
import java.util.List;

/**
 * Tells the sender, once per message, what happened to each recipient's copy (the notice).
 * Called after every decision has been carried out and stored; called again if the message is
 * processed again after a failure.
 */
@FunctionalInterface
public interface SenderReport {

    /**
     * @param outcomes one per recipient, in envelope order
     * @param subjectSensitive the subject holds personal data (or could not be checked): a notice
     *        must not repeat it
     * @throws IOException the notice cannot be queued now (the spool is full): the message is
     *         processed again later
     */
    void report(SpooledMessage message, List<Outcome> outcomes, boolean subjectSensitive) throws IOException;

    SenderReport NONE = (message, outcomes, subjectSensitive) -> { };
}
