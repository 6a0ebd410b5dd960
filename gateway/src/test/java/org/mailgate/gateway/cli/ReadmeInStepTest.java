package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.Peers;

/**
 * The README says what the commands print and what the defaults are; this keeps it true: the
 * classify example is what classify prints for the shipped quick-start message, every default
 * in the configuration reference is what {@code config} prints, and the embedded default holds
 * the quick start's message to the family court.
 */
class ReadmeInStepTest extends CliTestBase {

    private static final Path ROOT = Peers.projectRoot();

    @TempDir
    Path dir;

    private static String readme() throws Exception {
        return Files.readString(ROOT.resolve("README.md"));
    }

    @Test
    void theClassifyExampleIsWhatClassifyPrintsForTheQuickStartMessage() throws Exception {
        Matcher m = Pattern.compile("\\$ java -jar gateway/target/gateway.jar classify ([^\\n]*)\\n(\\{[^\\n]*\\})")
                .matcher(readme());
        assertThat(m.find()).as("the README shows a classify example").isTrue();
        List<String> args = new ArrayList<>(List.of("classify"));
        for (String a : m.group(1).trim().split("\\s+")) {
            args.add(a.endsWith(".eml") ? ROOT.resolve(a).toString() : a);
        }
        assertThat(run(args.toArray(String[]::new))).isZero();
        ObjectNode printed = (ObjectNode) new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        ObjectNode shown = (ObjectNode) new ObjectMapper().readTree(m.group(2));
        assertThat(printed.remove("source").asText()).endsWith(shown.remove("source").asText());
        assertThat(printed).isEqualTo(shown);
    }

    @Test
    void everyDefaultInTheConfigurationReferenceIsWhatConfigPrints() throws Exception {
        Path config = dir.resolve("gw.yaml");
        Files.writeString(config, "storage:\n  dir: " + dir + "\n");
        assertThat(run("config", "--config", config.toString())).isZero();
        JsonNode printed = new ObjectMapper().valueToTree(new org.yaml.snakeyaml.Yaml().load(
                out.toString(StandardCharsets.UTF_8)));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_.]+)` \\| `([^`]*)` \\|").matcher(readme());
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        while (row.find()) {
            if (row.group(1).equals("storage.dir")) {
                continue; // set above, so that the test writes nothing outside its folder
            }
            JsonNode value = printed;
            for (String part : row.group(1).split("\\.")) {
                value = value.path(part);
            }
            if (value.isMissingNode() || !flat(value).equals(flat(row.group(2)))) {
                wrong.add(row.group(1) + ": README `" + row.group(2) + "`, config " + value);
            }
            checked++;
        }
        assertThat(wrong).as("README defaults that config does not print").isEmpty();
        assertThat(checked).as("defaults checked").isGreaterThan(30);
        assertThat(printed.path("smtp").path("hostname").asText()).isNotEqualTo("localhost");
        assertThat(printed.path("classifier").path("rules")).as("the built-in rules, shown as rules").hasSizeGreaterThan(3);
    }

    @Test
    void theEmbeddedDefaultHoldsTheQuickStartMessageToTheFamilyCourt() throws Exception {
        assertThat(run("classify", "--to", "clerk@family.court.example", "--to", "parent@home.example",
                ROOT.resolve("docs/quickstart/message.eml").toString())).isZero();
        JsonNode d = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("decisions");
        assertThat(d.get(0).path("decision").asText()).isEqualTo("Hold");
        assertThat(d.get(0).path("reason").asText()).contains("policy.quarantine_domains", "*.court.example");
        assertThat(d.get(1).path("decision").asText()).isEqualTo("Portal");
    }

    /** A value as text without quotes, brackets' spacing or case, so YAML and the README compare. */
    private static String flat(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return flat("[" + String.join(",", items) + "]");
        }
        if (value.isObject()) {
            return value.isEmpty() ? "{}" : value.toString();
        }
        return flat(value.isNull() ? "~" : value.asText());
    }

    private static String flat(String text) {
        return text.replace("\"", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
