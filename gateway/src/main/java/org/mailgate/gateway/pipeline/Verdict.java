package org.mailgate.gateway.pipeline;

import java.util.List;
import java.util.Optional;
import org.mailgate.classifier.Classification;
import org.mailgate.gateway.policy.Decision;

/**
 * What the processing stage concluded about a message: a decision per recipient, and the
 * classification it was based on (none if the message was not classified, for instance when
 * every recipient is internal). The classification travels with the decisions as a value to
 * wherever the message goes: it is stored with a quarantine item.
 */
public record Verdict(List<Decision> decisions, Optional<Classification> classification) {

    public Verdict {
        decisions = List.copyOf(decisions);
    }

    /** Decisions made without classifying the message. */
    public static Verdict unclassified(List<Decision> decisions) {
        return new Verdict(decisions, Optional.empty());
    }

    public static Verdict classified(List<Decision> decisions, Classification classification) {
        return new Verdict(decisions, Optional.of(classification));
    }
}
