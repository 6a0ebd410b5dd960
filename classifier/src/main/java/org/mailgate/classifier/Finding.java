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
 */
public record Finding(FindingType type, int count, Confidence confidence, List<String> locations, List<String> samples) {
    public Finding {
        locations = List.copyOf(locations);
        samples = List.copyOf(samples);
    }
}
