package org.mailgate.gateway.pipeline;

import java.util.List;
import java.util.Optional;
import org.mailgate.classifier.Classification;
import org.mailgate.gateway.policy.Advice;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.LabelMatch;

/**
 * What the processing stage concluded about a message: a decision per recipient, the
 * classification it was based on (none if the message was not classified, for instance when
 * every recipient is internal), the sensitivity labels found on it, and advice for the sender
 * (a recipient that looked unusual, a label lower than the content). These travel with the
 * decisions as values to wherever the message goes: the quarantine stores the classification
 * and labels with an item, and the sender's notice carries the advice.
 */
public record Verdict(List<Decision> decisions, Optional<Classification> classification, List<LabelMatch> labels,
        List<Advice> advice) {

    public Verdict {
        decisions = List.copyOf(decisions);
        labels = List.copyOf(labels);
        advice = List.copyOf(advice);
    }

    /** Decisions made without classifying the message. */
    public static Verdict unclassified(List<Decision> decisions) {
        return new Verdict(decisions, Optional.empty(), List.of(), List.of());
    }

    public static Verdict classified(List<Decision> decisions, Classification classification) {
        return new Verdict(decisions, Optional.of(classification), List.of(), List.of());
    }

    /** The same verdict with other decisions and more advice. */
    public Verdict with(List<Decision> otherDecisions, List<Advice> moreAdvice) {
        return new Verdict(otherDecisions, classification, labels,
                java.util.stream.Stream.concat(advice.stream(), moreAdvice.stream()).toList());
    }
}
