package org.mailgate.gateway.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mailgate.classifier.FindingType;

/**
 * What the classifier found in a held message, in words for its sender: the kinds of
 * information with how many of each, and the parts that could not be checked. Read from the
 * item's classification, which carries masked samples: those are never used here, so a notice
 * cannot repeat a detected value.
 *
 * @param findings         one line per finding type, such as "National Insurance numbers (2)"
 * @param unscannable      location and reason of each part that could not be checked
 * @param notChecked       the classification failed or timed out
 * @param subjectSensitive personal data was found in the subject (or it was not checked): a
 *                         notice must not repeat it
 */
record FindingSummary(List<String> findings, List<String> unscannable, boolean notChecked,
        boolean subjectSensitive) {

    private static final ObjectMapper JSON = new ObjectMapper();

    FindingSummary {
        findings = List.copyOf(findings);
        unscannable = List.copyOf(unscannable);
    }

    static FindingSummary of(String classification) {
        List<String> findings = new ArrayList<>();
        List<String> unscannable = new ArrayList<>();
        boolean inSubject = false;
        try {
            JsonNode c = JSON.readTree(classification == null ? "{}" : classification);
            // Only type and count are read: the samples stay in the store, for reviewers.
            for (JsonNode f : c.path("findings")) {
                findings.add(name(f.path("type").asText()) + " (" + Math.max(1, f.path("count").asInt(1)) + ")");
                for (JsonNode l : f.path("locations")) {
                    inSubject |= l.asText().equals("subject") || l.asText().equals("message");
                }
            }
            c.path("unscannable").forEach(u -> unscannable.add(u.asText()));
            boolean failed = c.has("note");
            return new FindingSummary(findings, unscannable, failed, inSubject || failed);
        } catch (IOException e) {
            return new FindingSummary(List.of(), List.of(), true, true);
        }
    }

    static String name(String type) {
        return FindingType.describe(type);
    }
}
