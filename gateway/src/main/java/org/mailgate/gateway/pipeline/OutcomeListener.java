package org.mailgate.gateway.pipeline;

import java.io.IOException;
import java.util.List;
import org.mailgate.gateway.policy.Advice;

/**
 * Told, once per message, what happened to each recipient's copy: the sender's notice, the
 * dashboard's counts. Called after every decision has been carried out and stored; called again
 * if the message is processed again after a failure.
 */
@FunctionalInterface
public interface OutcomeListener {

    /**
     * @param outcomes one per recipient, in envelope order
     * @param subjectSensitive the subject holds personal data (or could not be checked): a notice
     *        must not repeat it
     * @param advice what the sender should hear although the message went as decided (a recipient
     *        that looked unusual, a label lower than the content); may be empty
     * @throws IOException what must follow cannot be done now (the spool cannot take the notice):
     *         the message is processed again later
     */
    void outcomes(SpooledMessage message, List<Outcome> outcomes, boolean subjectSensitive, List<Advice> advice)
            throws IOException;
}
