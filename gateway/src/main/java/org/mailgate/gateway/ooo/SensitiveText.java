package org.mailgate.gateway.ooo;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailgate.classifier.Classification;
import org.mailgate.classifier.Classifier;
import org.mailgate.classifier.Finding;
import org.mailgate.classifier.FindingType;

/**
 * Whether text that staff type for mail the gateway sends to anyone who writes (an out-of-office
 * reply, its alternative contact) holds personal or sensitive data: the same classifier and level
 * rules as mail bound outside, in-process (the text is short and plain). Refusing such text when
 * it is saved is the first guard; the reply is classified again as mail before it leaves.
 */
public final class SensitiveText {

    private final Classifier classifier;

    public SensitiveText(Classifier classifier) {
        this.classifier = classifier;
    }

    /** What the text holds that may not leave, in words ("National Insurance numbers"); empty if nothing. */
    public Optional<String> why(String text) {
        return why(text, Set.of());
    }

    /**
     * The same, where findings of the {@code expected} types alone do not count: an alternative
     * contact is there to give a phone number.
     */
    public Optional<String> why(String text, Set<FindingType> expected) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Classification c = classifier.classifyText(text);
        if (!c.sensitive() || c.findings().stream().allMatch(f -> expected.contains(f.type()))) {
            return Optional.empty();
        }
        return Optional.of(c.findings().stream().map(Finding::type).filter(t -> !expected.contains(t)).distinct()
                .map(FindingType::description).collect(Collectors.joining(", ")));
    }
}
