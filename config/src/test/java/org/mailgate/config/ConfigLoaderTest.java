package org.mailgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("RELAY_HASH",
            "$2y$12$abcdefghijklmnopqrstuuJ0yq0x1Zr3Jm1Xx2u8bC9J4V6hM5b3e")::get);

    @Test
    void readsTheDocumentedKeysWithDefaults() throws Exception {
        GatewayConfig c = loader.parse("""
                smtp:
                  listen: 0.0.0.0:25
                  allowed_networks: [10.0.0.0/8]
                  max_message_bytes: 10MB
                domains:
                  internal: [council.example, "*.council.example"]
                routes:
                  internal: 10.1.1.1:25
                  external: mx
                storage:
                  dir: /var/lib/gateway
                  database: jdbc:postgresql://127.0.0.1:5432/test
                """, "gw.yaml");
        assertThat(c.smtp().listen()).isEqualTo(new HostPort("0.0.0.0", 25));
        assertThat(c.smtp().maxMessageBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.smtp().maxRecipients()).isEqualTo(1000);
        assertThat(c.smtp().isAllowedNetwork(InetAddress.getByName("10.9.8.7"))).isTrue();
        assertThat(c.smtp().isAllowedNetwork(InetAddress.getByName("192.168.1.1"))).isFalse();
        assertThat(c.domains().isInternal("COUNCIL.example")).isTrue();
        assertThat(c.domains().isInternal("mail.council.example")).isTrue();
        assertThat(c.domains().isInternal("council.example.evil")).isFalse();
        assertThat(c.routes().internal()).isEqualTo(new Route.Smarthost(new HostPort("10.1.1.1", 25)));
        assertThat(c.routes().external()).isInstanceOf(Route.Mx.class);
        assertThat(c.delivery().maxQueueDays()).isEqualTo(5);
        assertThat(c.delivery().retryIntervals()).startsWith(Duration.ofMinutes(1), Duration.ofMinutes(5));
        assertThat(c.storage().isEmbeddedDatabase()).isFalse();
        assertThat(c.web().listen()).isEqualTo(new HostPort("127.0.0.1", 8080));
    }

    @Test
    void reportsEveryProblemWithFileLineAndKey() {
        assertThatThrownBy(() -> loader.parse("""
                smtp:
                  listen: nowhere
                  max_recipents: 5
                domains:
                  internal: [council.example, "bad domain"]
                routes:
                  internal: mx
                """, "gw.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gw.yaml:2: smtp.listen: expected host:port, got 'nowhere'")
                .hasMessageContaining("gw.yaml:3: smtp.max_recipents: unknown key (did you mean 'max_recipients'?)")
                .hasMessageContaining("gw.yaml:5: domains.internal: 'bad domain' is not a domain name")
                .hasMessageContaining("gw.yaml:7: routes.internal: must be host:port or dir:PATH");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheLine() {
        assertThatThrownBy(() -> loader.parse("smtp:\n  listen: [1\nweb: x\n", "broken.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("broken.yaml:3: not valid YAML");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> loader.parse("web:\n  listen: 127.0.0.1:1\n  listen: 127.0.0.1:2\n", "d.yaml"))
                .hasMessageContaining("d.yaml:3: web.listen: is given twice (first on line 2)");
    }

    @Test
    void takesSecretsFromTheEnvironment() {
        GatewayConfig c = loader.parse("""
                smtp:
                  auth:
                    users:
                      - name: exchange
                        password_hash: ${RELAY_HASH}
                """, "env.yaml");
        assertThat(c.smtp().auth().users()).singleElement()
                .satisfies(u -> assertThat(u.passwordHash()).startsWith("$2y$12$"));
        assertThat(c.smtp().auth().users().get(0).toString()).doesNotContain("$2y$");
        assertThatThrownBy(() -> loader.parse("web:\n  listen: ${NOT_SET}\n", "env.yaml"))
                .hasMessageContaining("env.yaml:2: web.listen: environment variable NOT_SET is not set");
    }

    @Test
    void embeddedDefaultDeliversIntoALocalFolder() {
        GatewayConfig c = loader.embeddedDefault();
        assertThat(c.routes().internal()).isInstanceOf(Route.Directory.class);
        assertThat(c.routes().external()).isEqualTo(c.routes().internal());
        assertThat(c.smtp().listen().port()).isEqualTo(2525);
    }

    @Test
    void levelRulesAreConfigurableButMustKeepUnscannableAtHigh() {
        String rules = """
                classifier:
                  bulk_identifier_count: 25
                  rules:
                    - {type: UNSCANNABLE_ATTACHMENT, level: HIGH}
                    - {type: uk_postcode, min_confidence: low, min_count: 50, level: medium}
                """;
        GatewayConfig c = loader.parse(rules, "r.yaml");
        assertThat(c.classifier().rules()).containsExactly(
                new GatewayConfig.LevelRule("UNSCANNABLE_ATTACHMENT", "LOW", 1, "HIGH"),
                new GatewayConfig.LevelRule("UK_POSTCODE", "LOW", 50, "MEDIUM"));
        assertThat(loader.parse(EffectiveConfig.toYaml(c), "printed").classifier()).isEqualTo(c.classifier());
        assertThatThrownBy(() -> loader.parse("classifier:\n  rules:\n    - {type: UK_NINO, level: LOW}\n", "w.yaml"))
                .hasMessageContaining("w.yaml:2: classifier.rules: must keep {type: UNSCANNABLE_ATTACHMENT, level: HIGH}");
        assertThatThrownBy(() -> loader.parse("classifier:\n  rules:\n    - {type: NINO, level: LOW}\n", "w.yaml"))
                .hasMessageContaining("w.yaml:3: classifier.rules[0].type: 'NINO' is not one of UK_NINO");
    }

    @Test
    void everyFindingTypeOfTheClassifierIsAcceptedAndNothingElse() {
        for (org.mailgate.classifier.FindingType t : org.mailgate.classifier.FindingType.values()) {
            GatewayConfig c = loader.parse("classifier:\n  rules:\n    - {type: UNSCANNABLE_ATTACHMENT, level: HIGH}\n"
                    + "    - {type: " + t.name() + ", level: MEDIUM}\npolicy:\n  quarantine_finding_types: [" + t.name()
                    + "]\n", "t.yaml");
            assertThat(c.classifier().rules().get(1).type()).isEqualTo(t.name());
            assertThat(c.policy().quarantineFindingTypes()).containsExactly(t.name());
        }
        assertThatThrownBy(() -> loader.parse("policy:\n  quarantine_finding_types: [UK_NINO, NI_NUMBER]\n", "q.yaml"))
                .hasMessageContaining("q.yaml:2: policy.quarantine_finding_types")
                .hasMessageContaining("'NI_NUMBER' is not one of UK_NINO");
    }

    @Test
    void domainPoliciesMatchExactlyOrByWildcard() {
        GatewayConfig c = loader.parse("""
                delivery:
                  domains:
                    nhs.net: {tls: required}
                    "*.gov.uk": {tls: required}
                """, "p.yaml");
        assertThat(c.delivery().policyFor("NHS.net").tls()).isEqualTo(GatewayConfig.TlsPolicy.VERIFY);
        assertThat(c.delivery().policyFor("x.council.gov.uk").tls()).isEqualTo(GatewayConfig.TlsPolicy.VERIFY);
        assertThat(c.delivery().policyFor("example.com").tls()).isEqualTo(GatewayConfig.TlsPolicy.MAY);
    }

    @Test
    void daneLevelsTrustAnchorAndTlsReportSettingsLoadAndPrintBack() {
        GatewayConfig c = loader.parse("""
                domains:
                  internal: [council.example]
                routes:
                  internal: 127.0.0.1:2525
                delivery:
                  dane: false
                  domains:
                    partner.example: {tls: dane}
                    "*.secure.example": {tls: dane-only}
                dns:
                  servers: [127.0.0.1:5353]
                  trust_anchor: /etc/mailgate/anchors.txt
                tls_rpt:
                  rua: [mailto:tls@council.example]
                """, "d.yaml");
        assertThat(c.delivery().policyFor("partner.example").tls()).isEqualTo(GatewayConfig.TlsPolicy.DANE);
        assertThat(c.delivery().policyFor("mx.secure.example").tls()).isEqualTo(GatewayConfig.TlsPolicy.DANE_ONLY);
        assertThat(c.delivery().dane()).isFalse();
        assertThat(c.dns().trustAnchor()).contains(java.nio.file.Path.of("/etc/mailgate/anchors.txt"));
        assertThat(c.tlsRpt().send()).isTrue();
        assertThat(c.tlsRpt().from()).isEqualTo("tls-reports@council.example");
        GatewayConfig again = loader.parse(EffectiveConfig.toYaml(c), "printed.yaml");
        assertThat(again.delivery().policyFor("mx.secure.example").tls()).isEqualTo(GatewayConfig.TlsPolicy.DANE_ONLY);
        assertThat(again.dns().trustAnchor()).isEqualTo(c.dns().trustAnchor());
        assertThat(loader.parse("web:\n  listen: 127.0.0.1:1\n", "x.yaml").delivery().dane()).isTrue();
        assertThatThrownBy(() -> loader.parse("delivery:\n  domains:\n    a.example: {tls: secure}\n", "s.yaml"))
                .hasMessageContaining("use verify");
        assertThatThrownBy(() -> loader.parse("tls_rpt:\n  from: not-an-address\n", "f.yaml"))
                .hasMessageContaining("tls_rpt.from");
    }

    @Test
    void readsTheLeaveSectionWithDefaultsAndPrintsItBack() {
        GatewayConfig plain = loader.parse("web:\n  listen: 127.0.0.1:1\n", "d.yaml");
        assertThat(plain.leave()).isEqualTo(GatewayConfig.Leave.defaults());
        GatewayConfig c = loader.parse("""
                leave:
                  file: /etc/mailgate/leave.yaml
                  reply_interval_days: 3
                  subject_prefix: "Out of office: "
                  forbidden_alternative_numbers: ["01632 960000 (Customer Service Centre)", "+44 1632 960001"]
                  managers:
                    Pat.Boss@Council.example: [jane.smith@council.example, sam.jones@council.example]
                  aliases:
                    jane.smith@council.example: [j.smith@council.example]
                """, "l.yaml");
        GatewayConfig.Leave l = c.leave();
        assertThat(l.file()).contains(java.nio.file.Path.of("/etc/mailgate/leave.yaml"));
        assertThat(l.replyIntervalDays()).isEqualTo(3);
        assertThat(l.subjectPrefix()).isEqualTo("Out of office: ");
        assertThat(l.forbiddenAlternativeNumbers()).containsExactly("01632 960000 (Customer Service Centre)",
                "+44 1632 960001");
        assertThat(l.managers()).containsEntry("pat.boss@council.example",
                java.util.List.of("jane.smith@council.example", "sam.jones@council.example"));
        assertThat(l.aliases()).containsEntry("jane.smith@council.example", java.util.List.of("j.smith@council.example"));
        String printed = EffectiveConfig.toYaml(c);
        assertThat(printed).contains("reply_interval_days: 3", "pat.boss@council.example: [jane.smith@council.example");
        assertThat(loader.parse(printed, "printed").leave()).isEqualTo(l);
    }

    @Test
    void reportsLeaveMistakesWithTheirLines() {
        assertThatThrownBy(() -> loader.parse("""
                leave:
                  reply_interval_days: 0
                  forbidden_alternative_numbers: [call the centre]
                  managers:
                    not-an-address: [jane@council.example]
                  aliases:
                    jane@council.example: [j@council.example]
                    sam@council.example: [j@council.example]
                """, "l.yaml"))
                .hasMessageContaining("l.yaml:2: leave.reply_interval_days: 0 is outside the allowed range 1..365")
                .hasMessageContaining("l.yaml:3: leave.forbidden_alternative_numbers: 'call the centre' is not a phone number")
                .hasMessageContaining("l.yaml:5: leave.managers.not-an-address: 'not-an-address' is not an e-mail address")
                .hasMessageContaining("leave.aliases: 'j@council.example' is an alias of both jane@council.example and sam@council.example");
    }
}
