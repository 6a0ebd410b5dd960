package org.mailgate.classifier;

import java.util.List;

/**
 * One kind of sensitive content found in a message.
 *
 * @param type       what was found
 * @param count      number of distinct values (the same NI number in the text and HTML part counts once)
 * @param confidence the highest confidence among the values
 * @param locations  where it was found: {@code subject}, {@code body}, {@code attachment:NAME},
 *                   {@code attachment:outer.zip/inner.docx}
 * @param samples    at most a few MASKED samples (e.g. {@code AB •• •• •• C}); never raw values
 * @param evidence   for a few values, the masked context that decided them and the rule that fired
 */
public record Finding(FindingType type, int count, Confidence confidence, List<String> locations, List<String> samples,
                      List<Evidence> evidence) {
    public Finding {
        locations = List.copyOf(locations);
        samples = List.copyOf(samples);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** A finding without evidence (fail-closed results). */
    public Finding(FindingType type, int count, Confidence confidence, List<String> locations, List<String> samples) {
        this(type, count, confidence, locations, samples, List.of());
    }
}
