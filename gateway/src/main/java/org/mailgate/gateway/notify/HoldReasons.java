package org.mailgate.gateway.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailgate.classifier.FindingType;
import org.mailgate.gateway.quarantine.QuarantineItem;

/**
 * Why an item was held, in words for its sender: the kinds of information found with how many
 * of each, the parts that could not be checked, and what stopped a protected delivery. Read
 * from the item's classification, which carries masked samples: those are never used here, so
 * a notice cannot repeat a detected value.
 *
 * @param findings    one line per finding type, such as "National Insurance numbers (2)"
 * @param unscannable location and reason of each part that could not be checked
 */
record HoldReasons(List<String> findings, List<String> unscannable, boolean notChecked, boolean askedForProtection,
        boolean noCertificate, boolean encryptionFailed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    HoldReasons {
        findings = List.copyOf(findings);
        unscannable = List.copyOf(unscannable);
    }

    static HoldReasons of(QuarantineItem item) {
        String reason = item.reason() == null ? "" : item.reason();
        List<String> findings = new ArrayList<>();
        List<String> unscannable = new ArrayList<>();
        boolean notChecked;
        try {
            JsonNode c = JSON.readTree(item.classification() == null ? "{}" : item.classification());
            // Only type and count are read: the samples stay in the store, for reviewers.
            c.path("findings").forEach(f -> findings.add(name(f.path("type").asText()) + " ("
                    + Math.max(1, f.path("count").asInt(1)) + ")"));
            c.path("unscannable").forEach(u -> unscannable.add(u.asText()));
            notChecked = c.has("note") || (findings.isEmpty() && unscannable.isEmpty() && !reason.contains("subject"));
        } catch (IOException e) {
            notChecked = true;
        }
        return new HoldReasons(findings, unscannable, notChecked, reason.contains("subject asks for protection"),
                reason.contains("no certificate"), reason.contains("encryption failed"));
    }

    static String name(String type) {
        try {
            return FindingType.valueOf(type).description();
        } catch (IllegalArgumentException e) {
            return type.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
