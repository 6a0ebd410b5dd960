package org.mailgate.gateway.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * Labelled mail through a real gateway (SMTP in, classifier, policy, portal, quarantine, notices
 * over SMTP out): an Outlook label that asks for protection protects a harmless message, the same
 * message without it goes as it is, and a label set to review holds it with the label shown.
 */
class LabelledMailEndToEndTest {

    private static final String SENDER = "worker@council.example";
    private static final String HARMLESS = "Subject: Team lunch\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain\r\n\r\nThe room is booked for Thursday at noon.\r\n";

    @RegisterExtension
    final GatewayLab lab = GatewayLab.protectedStage().with(
            "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
            "web:\n  listen: 127.0.0.1:0\n  public_url: https://mailgate.council.example\n",
            """
            labels:
              - guid: 3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90
                level: HIGH
                action: protect
              - marking: OFFICIAL-SENSITIVE PERSONAL
                level: HIGH
                action: review
              - marking: OFFICIAL
                level: LOW
                action: none
            """);
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeEach
    void parts() {
        internal = lab.internal();
        external = lab.external();
        gw = lab.gateway();
    }

    private void send(String to, String headers, String message) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(SENDER, List.of(to), "From: " + SENDER + "\r\nTo: " + to + "\r\n"
                    + headers + message), 250);
        }
    }

    private List<TestSink.Received> to(TestSink sink, String rcpt) {
        return sink.received().stream().filter(r -> r.recipients().contains(rcpt)).toList();
    }

    @Test
    void aLabelThatAsksForProtectionProtectsAHarmlessMessageAndWithoutItTheMessageGoesAsItIs() throws Exception {
        String folded = "msip_labels: MSIP_Label_3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90_ContentBits=8;\r\n"
                + "\tMSIP_Label_3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90_Name=OFFICIAL-SENSITIVE;\r\n"
                + " MSIP_Label_3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90_SiteId=11111111-2222-3333-4444-555555555555;\r\n"
                + " MSIP_Label_3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90_Enabled=true\r\n";
        send("alice@partner.example", folded, HARMLESS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(external, "alice@partner.example").isEmpty());
        TestSink.Received portalNotice = to(external, "alice@partner.example").get(0);
        assertThat(portalNotice.text()).doesNotContain("booked for Thursday")
                .contains("https://mailgate.council.example/");

        send("bob@partner.example", "", HARMLESS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(external, "bob@partner.example").isEmpty());
        assertThat(to(external, "bob@partner.example").get(0).text()).contains("booked for Thursday");
        assertThat(external.received()).filteredOn(r -> r.text().contains("booked for Thursday")).hasSize(1);
        assertThat(gw.gateway().quarantine().store().list(QuarantineFilter.all(10)).total()).isZero();
    }

    @Test
    void aLabelSetToReviewHoldsTheMessageAndTheItemShowsTheLabel() throws Exception {
        send("carol@partner.example", "", HARMLESS.replace("Team lunch", "[OFFICIAL-SENSITIVE PERSONAL] Team lunch"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                gw.gateway().quarantine().store().list(QuarantineFilter.all(10)).total() == 1);
        QuarantineItem item = gw.gateway().quarantine().store().list(QuarantineFilter.all(10)).items().get(0);
        assertThat(item.rules()).containsExactly(HoldReason.Rule.LABEL_REVIEW);
        assertThat(item.holds().get(0).reason().detail()).isEqualTo("OFFICIAL-SENSITIVE PERSONAL (subject)");
        assertThat(item.classification()).contains("\"labels\":[{\"source\":\"subject\"");
        assertThat(gw.gateway().audit().list(java.util.Optional.empty(), java.util.Optional.of("HOLD"),
                java.util.Optional.of(item.id()), java.util.Optional.empty(), 10))
                .anySatisfy(e -> assertThat(e.detail()).contains("label_review", "labelled OFFICIAL-SENSITIVE PERSONAL"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(internal, SENDER).isEmpty());
        assertThat(to(internal, SENDER).get(0).text()).contains("sensitivity label");
        assertThat(to(external, "carol@partner.example")).isEmpty();
    }

    @Test
    void theSenderIsToldWhenTheirLabelWasLowerThanTheContent() throws Exception {
        send("dan@partner.example", "", "Subject: [OFFICIAL] Referral\r\n\r\nPatient NHS number 943 476 5919, "
                + "date of birth 01/02/1980.\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(internal, SENDER).isEmpty());
        String notice = to(internal, SENDER).get(0).text();
        assertThat(notice).contains("You labelled it OFFICIAL (LOW)", "treated as HIGH");
        assertThat(to(external, "dan@partner.example")).allSatisfy(r -> assertThat(r.text()).doesNotContain("943"));
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + gw.webPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("gateway_labels_total{action=\"none\",source=\"subject\"}");
    }
}
