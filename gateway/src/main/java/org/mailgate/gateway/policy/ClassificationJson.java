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
        ObjectNode o = JSON.createObjectNode();
        o.put("source", source);
        o.put("sensitive", c.sensitive());
        o.put("level", c.level().name());
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
        return o;
    }

    public static String line(String source, Classification c) {
        return toJson(source, c).toString();
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
