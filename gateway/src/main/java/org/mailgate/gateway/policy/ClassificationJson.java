package org.mailgate.gateway.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mailgate.classifier.Classification;
import org.mailgate.classifier.Finding;

/**
 * The JSON form of a classification, one object per message: what {@code gateway.jar classify}
 * prints (one per line) and what is kept with a spooled message. Carries masked samples and
 * masked evidence snippets only.
 */
public final class ClassificationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassificationJson() {
    }

    public static ObjectNode toJson(String source, Classification c) {
        return toJson(source, c, List.of());
    }

    /** With the sensitivity labels found on the message, as the {@code labels} field. */
    public static ObjectNode toJson(String source, Classification c, List<LabelMatch> found) {
        ObjectNode o = JSON.createObjectNode();
        o.put("source", source);
        // A label that asks for protection makes the message sensitive; the higher level wins.
        Sensitivity labelled = sensitivity(c).withLabels(found);
        o.put("sensitive", labelled.sensitive());
        o.put("level", labelled.level());
        if (!found.isEmpty()) {
            o.put("content_level", c.level().name());
        }
        ArrayNode findings = o.putArray("findings");
        for (Finding f : c.findings()) {
            ObjectNode n = findings.addObject();
            n.put("type", f.type().name());
            n.put("count", f.count());
            n.put("confidence", f.confidence().name());
            ArrayNode locations = n.putArray("locations");
            f.locations().forEach(locations::add);
            ArrayNode samples = n.putArray("samples");
            f.samples().forEach(samples::add);
            ArrayNode evidence = n.putArray("evidence");
            f.evidence().forEach(e -> evidence.addObject().put("snippet", e.snippet()).put("rule", e.rule()));
        }
        ArrayNode unscannable = o.putArray("unscannable");
        c.unscannable().forEach(unscannable::add);
        ArrayNode labels = o.putArray("labels");
        for (LabelMatch l : found) {
            ObjectNode n = labels.addObject().put("source", l.source());
            if (!l.guid().isEmpty()) {
                n.put("guid", l.guid());
            }
            if (!l.tenant().isEmpty()) {
                n.put("tenant", l.tenant());
            }
            n.put("name", l.name()).put("level", l.level()).put("action", l.action())
                    .put("encrypt", l.asksEncryption()).put("configured", l.configured());
        }
        return o;
    }

    public static String line(String source, Classification c) {
        return toJson(source, c).toString();
    }

    public static String line(String source, Classification c, List<LabelMatch> labels) {
        return toJson(source, c, labels).toString();
    }

    /** The labels of a stored classification line ({@link #line}); none if it has none or does not parse. */
    public static List<LabelMatch> labels(String stored) {
        try {
            com.fasterxml.jackson.databind.JsonNode labels = JSON.readTree(stored).path("labels");
            List<LabelMatch> out = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode n : labels) {
                out.add(new LabelMatch(n.path("source").asText(), n.path("guid").asText(), n.path("tenant").asText(),
                        n.path("name").asText(), n.path("level").asText(), n.path("action").asText(),
                        n.path("encrypt").asBoolean(), n.path("configured").asBoolean()));
            }
            return out;
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** What the policy needs: the level and the kinds of finding, never values. */
    public static Sensitivity sensitivity(Classification c) {
        List<String> types = c.findings().stream().map(f -> f.type().name()).toList();
        // "message": the classification failed as a whole, so the subject is unchecked too
        boolean inSubject = c.findings().stream()
                .anyMatch(f -> f.locations().contains("subject") || f.locations().contains("message"));
        return new Sensitivity(c.sensitive(), c.level().name(), types, inSubject);
    }
}
