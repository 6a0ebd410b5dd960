package org.mailgate.gateway.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.mail.MessageHeaders;
import org.mailgate.gateway.policy.LabelMatch;
import org.mailgate.gateway.policy.Sensitivity;

/** Labels and markings read from real header sections, as Outlook and partners write them. */
class LabelsTest {

    static final String GUID = "3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90";
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String OTHER_TENANT = "99999999-2222-3333-4444-555555555555";
    static final String PUBLIC_GUID = "0b2c3d4e-1111-2222-3333-444455556666";

    private final Labels labels = new Labels(config("""
            labels:
              - guid: 3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90
                tenant: 11111111-2222-3333-4444-555555555555
                level: HIGH
                action: protect
              - guid: 0b2c3d4e-1111-2222-3333-444455556666
                level: NONE
                action: none
              - marking: OFFICIAL-SENSITIVE
                level: HIGH
                action: protect
              - marking: "OFFICIAL-SENSITIVE PERSONAL"
                level: HIGH
                action: review
              - marking: OFFICIAL
                level: LOW
                action: none
            """).labels());

    static GatewayConfig config(String yaml) {
        return new ConfigLoader().parse("domains:\n  internal: [council.example]\nroutes:\n  internal: 127.0.0.1:1\n"
                + yaml, "test.yaml");
    }

    static MessageHeaders headers(String section) throws Exception {
        return MessageHeaders.read(new ByteArrayInputStream((section + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8)));
    }

    static String msip(String guid, String tenant, String name, int bits) {
        String p = "MSIP_Label_" + guid + "_";
        return "msip_labels: " + p + "Enabled=true; " + p + "SetDate=2026-12-01T09:00:00Z; " + p + "Method=Privileged; "
                + p + "Name=" + name + "; " + p + "SiteId=" + tenant + "; " + p + "ActionId=aa-bb; " + p + "ContentBits="
                + bits;
    }

    @Test
    void anOutlookLabelIsMatchedByGuidAndTenantAndKeepsItsEncryptionBit() throws Exception {
        List<LabelMatch> found = labels.of(headers("Subject: hello\r\n" + msip(GUID, TENANT, "OFFICIAL-SENSITIVE", 8)));
        assertThat(found).containsExactly(new LabelMatch("msip_labels", GUID, TENANT, "OFFICIAL-SENSITIVE", "HIGH",
                "protect", true, true));
    }

    @Test
    void aFoldedHeaderWithItsFieldsInAnotherOrderReadsTheSame() throws Exception {
        String p = "MSIP_Label_" + GUID + "_";
        String folded = "msip_labels: " + p + "ContentBits=8;\r\n\t" + p + "Name=OFFICIAL-SENSITIVE;\r\n "
                + p + "SiteId=" + TENANT + "; " + p + "Method=Standard;\r\n " + p + "Enabled=true";
        assertThat(labels.of(headers("Subject: hello\r\n" + folded)))
                .isEqualTo(labels.of(headers("Subject: hello\r\n" + msip(GUID, TENANT, "OFFICIAL-SENSITIVE", 8))));
    }

    @Test
    void namesDoNotMatterOnlyGuidAndTenantDo() throws Exception {
        // Named like the protecting label, but another GUID: what the name says is not trusted.
        LabelMatch renamed = labels.of(headers(msip(PUBLIC_GUID, TENANT, "OFFICIAL-SENSITIVE", 0))).get(0);
        assertThat(renamed.action()).isEqualTo("none");
        // The protecting GUID from another organisation's tenant is another label.
        LabelMatch foreign = labels.of(headers(msip(GUID, OTHER_TENANT, "Anything", 0))).get(0);
        assertThat(foreign.configured()).isFalse();
        assertThat(foreign.action()).isEqualTo("none");
    }

    @Test
    void anUnmappedLabelThatAsksForEncryptionStillProtects() throws Exception {
        LabelMatch l = labels.of(headers(msip("12345678-aaaa-bbbb-cccc-1234567890ab", TENANT, "Confidential", 8 | 1)))
                .get(0);
        assertThat(l.configured()).isFalse();
        assertThat(l.asksEncryption()).isTrue();
        assertThat(l.protects()).isTrue();
    }

    @Test
    void disabledLabelsAndOneEntryPerTenantAreReadAsOutlookMeansThem() throws Exception {
        String two = msip(GUID, TENANT, "OFFICIAL-SENSITIVE", 8) + "; " + msip(PUBLIC_GUID, OTHER_TENANT, "PUBLIC", 0)
                .substring("msip_labels: ".length());
        assertThat(labels.of(headers(two))).extracting(LabelMatch::guid).containsExactly(GUID, PUBLIC_GUID);
        String disabled = msip(GUID, TENANT, "OFFICIAL-SENSITIVE", 8).replace("Enabled=true", "Enabled=false");
        assertThat(labels.of(headers(disabled))).isEmpty();
    }

    @Test
    void subjectMarkingsAndTheOlderHeadersAreMarkings() throws Exception {
        assertThat(labels.of(headers("Subject: [OFFICIAL-SENSITIVE] Child protection conference")))
                .extracting(LabelMatch::source, LabelMatch::name, LabelMatch::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("subject", "OFFICIAL-SENSITIVE", "protect"));
        assertThat(labels.of(headers("Subject: RE: OFFICIAL-SENSITIVE: Child protection conference")))
                .extracting(LabelMatch::action).containsExactly("protect");
        assertThat(labels.of(headers("Subject: [OFFICIAL-SENSITIVE PERSONAL] Case")))
                .extracting(LabelMatch::action).containsExactly("review");
        assertThat(labels.of(headers("Subject: [OFFICIAL] Minutes"))).extracting(LabelMatch::level).containsExactly("LOW");
        assertThat(labels.of(headers("Subject: Official: minutes of the sensitive meeting"))).extracting(LabelMatch::name)
                .containsExactly("OFFICIAL");
        assertThat(labels.of(headers("Subject: Lunch [secure]"))).isEmpty();
        assertThat(labels.of(headers("Subject: x\r\nX-Protective-Marking: VER=2018.4, NS=gov.au,\r\n SEC=OFFICIAL:Sensitive,"
                + " ORIGIN=jane.doe@agency.gov.au"))).extracting(LabelMatch::source, LabelMatch::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("X-Protective-Marking", "protect"));
        assertThat(labels.of(headers("Subject: x\r\nX-Microsoft-Classification: OFFICIAL-SENSITIVE")))
                .extracting(LabelMatch::source, LabelMatch::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("X-Microsoft-Classification", "protect"));
    }

    @Test
    void aProtectingLabelMakesHarmlessContentSensitiveAndALowLabelNeverLowersTheContent() throws Exception {
        Sensitivity harmless = new Sensitivity(false, "NONE", List.of(), false);
        Sensitivity labelled = harmless.withLabels(labels.of(headers(msip(GUID, TENANT, "OFFICIAL-SENSITIVE", 8))));
        assertThat(labelled.sensitive()).isTrue();
        assertThat(labelled.level()).isEqualTo("HIGH");

        Sensitivity high = new Sensitivity(true, "HIGH", List.of("UK_NHS_NUMBER"), false);
        List<LabelMatch> official = labels.of(headers("Subject: [OFFICIAL] Referral"));
        Sensitivity stillHigh = high.withLabels(official);
        assertThat(stillHigh.sensitive()).isTrue();
        assertThat(stillHigh.level()).isEqualTo("HIGH");
        assertThat(high.withLabels(official).labelsBelow("HIGH")).extracting(LabelMatch::name).containsExactly("OFFICIAL");
    }

    @Test
    void hostileValuesAreCutAndCannotBreakLines() throws Exception {
        String name = "x".repeat(500);
        LabelMatch l = labels.of(headers(msip(PUBLIC_GUID, TENANT, name, 0))).get(0);
        assertThat(l.name()).hasSize(100);
        assertThat(labels.of(headers("msip_labels: MSIP_Label_not-a-guid_Enabled=true; garbage;;;=; MSIP_Label_"))).isEmpty();
    }

    @Test
    void configurationErrorsSayWhereAndWhat() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("""
                labels:
                  - guid: not-a-guid
                    level: HIGH
                  - marking: OFFICIAL
                    guid: 3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90
                    level: HIGH
                  - marking: OFFICIAL-SENSITIVE
                    level: VERY
                    action: encrypt
                """)).hasMessageContaining("test.yaml:6").hasMessageContaining("not a Purview label GUID")
                .hasMessageContaining("either guid").hasMessageContaining("VERY")
                .hasMessageContaining("protect, review or none");
    }
}
