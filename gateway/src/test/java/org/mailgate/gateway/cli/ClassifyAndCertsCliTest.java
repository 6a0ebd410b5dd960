package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.TestCerts;

class ClassifyAndCertsCliTest extends CliTestBase {

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("gw.yaml");
        Files.writeString(config, "domains:\n  internal: [council.example]\nroutes:\n  internal: 127.0.0.1:25\n"
                + "storage:\n  dir: " + dir.resolve("data") + "\n");
    }


    @Test
    void classifyPrintsOneJsonLinePerMessageWithMaskedSamples() throws Exception {
        Path sensitive = dir.resolve("a.eml");
        Files.writeString(sensitive, "Subject: Case notes\r\n\r\nClient's National Insurance number is AB 12 34 56 C.\r\n");
        Path ordinary = dir.resolve("b.eml");
        Files.writeString(ordinary, "Subject: Invoice 4471\r\n\r\nPlease pay invoice 4471 (order 99812) by Friday.\r\n");
        assertThat(run("classify", "--config", config.toString(), sensitive.toString(), ordinary.toString())).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode a = new ObjectMapper().readTree(lines[0]);
        assertThat(a.get("source").asText()).isEqualTo(sensitive.toString());
        assertThat(a.get("sensitive").asBoolean()).isTrue();
        assertThat(a.get("level").asText()).isIn("MEDIUM", "HIGH");
        JsonNode nino = a.get("findings").get(0);
        assertThat(nino.get("type").asText()).isEqualTo("UK_NINO");
        assertThat(nino.get("locations").toString()).contains("body");
        assertThat(nino.get("samples").get(0).asText()).isEqualTo("AB \u2022\u2022 \u2022\u2022 \u2022\u2022 C");
        JsonNode evidence = nino.get("evidence").get(0);
        assertThat(evidence.get("snippet").asText()).isEqualTo("Client's National Insurance number is AB \u2022\u2022 \u2022\u2022 \u2022\u2022 C.");
        assertThat(evidence.get("rule").asText()).isNotBlank();
        assertThat(lines[0]).doesNotContain("12 34 56");
        JsonNode b = new ObjectMapper().readTree(lines[1]);
        assertThat(b.get("sensitive").asBoolean()).isFalse();
        assertThat(b.get("unscannable").isArray()).isTrue();
    }

    @Test
    void classifyShowsWhatThePolicyWouldDoForEachRecipient() throws Exception {
        Path sensitive = dir.resolve("a.eml");
        Files.writeString(sensitive, "Subject: Case notes\r\n\r\nNHS number 943 476 5919 for the patient.\r\n");
        assertThat(run("classify", "--config", config.toString(), "--from", "w@council.example",
                "--to", "parent@home.example", "--to", "c@council.example", sensitive.toString())).isZero();
        JsonNode d = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("decisions");
        assertThat(d.get(0).get("decision").asText()).isEqualTo("Portal");
        assertThat(d.get(1).get("decision").asText()).isEqualTo("Deliver");
    }

    @Test
    void classifyShowsTheLabelsAndWithASenderWhichRecipientsLookUnusual() throws Exception {
        Files.writeString(config, Files.readString(config) + "labels:\n  - marking: OFFICIAL-SENSITIVE\n    level: HIGH\n"
                + "    action: protect\n");
        org.mailgate.config.GatewayConfig c = new org.mailgate.config.ConfigLoader().load(config);
        try (org.mailgate.gateway.store.Database db = org.mailgate.gateway.store.Database.open(c.storage())) {
            byte[] key = org.mailgate.gateway.store.MasterKey.load(c.storage().masterKey(), c.storage().dir())
                    .derive("correspondents");
            org.mailgate.gateway.misdirected.Correspondents history = new org.mailgate.gateway.misdirected
                    .Correspondents(db, key, java.time.Clock.systemUTC(), a -> a.endsWith("@council.example"));
            for (int i = 0; i < 4; i++) {
                history.learn("w@council.example", java.util.Map.of("someone@partner.example", false));
            }
        }
        Path labelled = dir.resolve("a.eml");
        Files.writeString(labelled, "Subject: [OFFICIAL-SENSITIVE] Meeting\r\n\r\nSee you on Tuesday.\r\n");
        assertThat(run("classify", "--config", config.toString(), "--from", "w@council.example",
                "--to", "someone@partner.exmaple", labelled.toString())).as(err.toString()).isZero();
        JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(line.get("sensitive").asBoolean()).isTrue();
        assertThat(line.get("labels").get(0).get("source").asText()).isEqualTo("subject");
        assertThat(line.get("labels").get(0).get("action").asText()).isEqualTo("protect");
        assertThat(line.get("decisions").get(0).get("decision").asText()).isEqualTo("Portal");
        JsonNode misdirected = line.get("misdirected");
        assertThat(misdirected.toString()).contains("\"rule\":\"lookalike\"",
                "looks like partner.example, to which you sent 4 messages (two letters swapped)",
                "\"rule\":\"first_sensitive_to_new_address\"");
        assertThat(misdirected.get(0).get("recipient").asText()).isEqualTo("someone@partner.exmaple");
    }

    @Test
    void classifyExitsTwoWithAMessageForUnreadableInput() {
        assertThat(run("classify", "--config", config.toString(), dir.resolve("missing.eml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.eml: no such file");
    }

    @Test
    void certsImportListShowAndRemove() throws Exception {
        TestCerts.Recipient r = TestCerts.recipient(dir.resolve("keys"), "gp@surgery.example");
        assertThat(run("certs", "import", "--config", config.toString(), r.certificate().toString())).isZero();
        assertThat(out.toString()).contains("gp@surgery.example", "ok");
        out.reset();
        assertThat(run("certs", "list", "--config", config.toString())).isZero();
        String listing = out.toString();
        assertThat(listing).contains("gp@surgery.example", "-- 1 certificate(s)");
        String id = listing.substring(0, 16);
        out.reset();
        assertThat(run("certs", "show", "--config", config.toString(), "GP@Surgery.example")).isZero();
        assertThat(out.toString()).contains("chosen for encryption: " + id);
        Files.writeString(config, Files.readString(config) + "smime:\n  require_trusted_chain: true\n");
        out.reset();
        assertThat(run("certs", "show", "--config", config.toString(), "gp@surgery.example")).isZero();
        assertThat(out.toString()).contains("UNUSABLE", "chosen for encryption: none usable");
        assertThat(run("certs", "trust", "--config", config.toString(), id)).isZero();
        out.reset();
        assertThat(run("certs", "show", "--config", config.toString(), "gp@surgery.example")).isZero();
        assertThat(out.toString()).contains("chosen for encryption: " + id);
        assertThat(run("certs", "remove", "--config", config.toString(), id)).isZero();
        assertThat(run("certs", "show", "--config", config.toString(), "gp@surgery.example")).isEqualTo(1);
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        assertThat(run("certs", "import", "--config", config.toString(), junk.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("junk.pem");
    }
}
