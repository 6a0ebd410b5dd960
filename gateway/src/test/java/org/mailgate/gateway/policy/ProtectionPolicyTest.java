package org.mailgate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailgate.classifier.Classification;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.spool.Envelope;

/** The policy is a pure function: no sockets, no files. */
class ProtectionPolicyTest {

    private final GatewayConfig config = new ConfigLoader().parse("""
            domains:
              internal: [council.example]
            routes:
              internal: 127.0.0.1:25
            policy:
              trusted_partner_domains: [nhs.net, "*.gov.uk"]
            """, "policy.yaml");
    private final ProtectionPolicy policy = new ProtectionPolicy(config);
    private final Sensitivity sensitive = new Sensitivity(true, "HIGH", List.of("UK_NHS_NUMBER"));
    private final Sensitivity ordinary = new Sensitivity(false, "LOW", List.of("UK_PHONE"));
    private final Set<String> withCertificates = Set.of("gp@surgery.example", "ops@nhs.net");

    private static Envelope to(String... recipients) {
        return new Envelope("0HOLN0YOEYOVPJ5O", "worker@council.example", List.of(recipients), Instant.EPOCH,
                "10.0.0.1", "exchange", null, true, false, Envelope.Origin.SMTP);
    }

    @Test
    void ordinaryMailGoesAsItIs() {
        assertThat(policy.decide(to("a@partner.example"), "Minutes", ordinary, withCertificates::contains))
                .singleElement().isEqualTo(new Decision.Deliver("a@partner.example", false, "not sensitive (level LOW UK_PHONE)"));
    }

    @Test
    void sensitiveMailIsEncryptedWhenTheRecipientHasACertificateAndHeldOtherwise() {
        List<Decision> d = policy.decide(to("gp@surgery.example", "parent@home.example", "colleague@council.example"),
                "Referral", sensitive, withCertificates::contains);
        assertThat(d.get(0)).isInstanceOf(Decision.Encrypt.class);
        assertThat(d.get(1)).isInstanceOf(Decision.Hold.class);
        assertThat(d.get(1).reason()).contains("UK_NHS_NUMBER", "no certificate");
        assertThat(d.get(2)).isEqualTo(new Decision.Deliver("colleague@council.example", false, "internal recipient"));
    }

    @Test
    void trustedPartnersTakeSensitiveMailOverVerifiedTlsInstead() {
        List<Decision> d = policy.decide(to("ops@nhs.net", "team@dwp.gov.uk"), "Case", sensitive, withCertificates::contains);
        assertThat(d).allSatisfy(x -> assertThat(x).isInstanceOfSatisfying(Decision.Deliver.class,
                deliver -> assertThat(deliver.requireTls()).isTrue()));
    }

    @Test
    void aSubjectTriggerForcesProtectionEvenForOrdinaryContent() {
        assertThat(policy.decide(to("parent@home.example"), "Meeting [SECURE]", ordinary, withCertificates::contains))
                .singleElement().isInstanceOfSatisfying(Decision.Hold.class,
                        h -> assertThat(h.reason()).contains("subject asks for protection ([secure])"));
        assertThat(policy.withoutTriggers("Meeting [SECURE] notes [encrypt]")).isEqualTo("Meeting notes");
    }

    @Test
    void aFailedClassificationCountsAsSensitive() {
        assertThat(policy.decide(to("parent@home.example"), "x", ClassificationJson.sensitivity(Classification.failClosed("classification timed out")), r -> false))
                .singleElement().isInstanceOf(Decision.Hold.class);
    }
}
