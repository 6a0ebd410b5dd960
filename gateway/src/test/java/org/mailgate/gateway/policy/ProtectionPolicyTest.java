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
    private final Sensitivity sensitive = new Sensitivity(true, "HIGH", List.of("UK_NHS_NUMBER"), false);
    private final Sensitivity ordinary = new Sensitivity(false, "LOW", List.of("UK_PHONE"), false);
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
    void sensitiveMailIsEncryptedWhenTheRecipientHasACertificateAndGoesToThePortalOtherwise() {
        List<Decision> d = policy.decide(to("gp@surgery.example", "parent@home.example", "colleague@council.example"),
                "Referral", sensitive, withCertificates::contains);
        assertThat(d.get(0)).isInstanceOf(Decision.Encrypt.class);
        assertThat(d.get(1)).isInstanceOf(Decision.Portal.class);
        assertThat(d.get(1).reason()).contains("UK_NHS_NUMBER", "no certificate", "secure portal");
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
                .singleElement().isInstanceOfSatisfying(Decision.Portal.class,
                        h -> assertThat(h.reason()).contains("subject asks for protection ([secure])"));
        assertThat(policy.withoutTriggers("Meeting [SECURE] notes [encrypt]")).isEqualTo("Meeting notes");
    }

    @Test
    void aFailedClassificationIsHeldForReviewNotSentToThePortal() {
        assertThat(policy.decide(to("parent@home.example"), "x", ClassificationJson.sensitivity(Classification.failClosed("classification timed out")), r -> false))
                .singleElement().isInstanceOf(Decision.Hold.class);
    }

    @Test
    void aSubjectIsSensitiveWhenItHoldsAFindingOrTheMessageCouldNotBeClassified() {
        assertThat(ClassificationJson.sensitivity(Classification.failClosed("classification timed out")).subjectSensitive())
                .isTrue();
        Classification inBody = new org.mailgate.classifier.Classifier().classifyText("NI number AB 12 34 56 C");
        assertThat(inBody.sensitive()).isTrue();
        assertThat(ClassificationJson.sensitivity(inBody).subjectSensitive()).isFalse();
    }

    @Test
    void reviewCanBeChosenPerDomainPerFindingTypeOrForEverything() {
        GatewayConfig rules = new ConfigLoader().parse("""
                domains:
                  internal: [council.example]
                routes:
                  internal: 127.0.0.1:25
                policy:
                  quarantine_domains: ["*.court.example"]
                  quarantine_finding_types: [special_category]
                """, "policy.yaml");
        ProtectionPolicy p = new ProtectionPolicy(rules);
        assertThat(p.decide(to("clerk@family.court.example", "parent@home.example"), "x", sensitive, r -> false))
                .extracting(d -> d.getClass().getSimpleName()).containsExactly("Hold", "Portal");
        assertThat(p.decide(to("parent@home.example"), "x", new Sensitivity(true, "HIGH", List.of("SPECIAL_CATEGORY"), false),
                r -> false)).singleElement().isInstanceOf(Decision.Hold.class);
        ProtectionPolicy holdAll = new ProtectionPolicy(new ConfigLoader().parse(
                "domains:\n  internal: [council.example]\nroutes:\n  internal: 127.0.0.1:25\n"
                        + "policy:\n  sensitive_without_certificate: hold\n", "policy.yaml"));
        assertThat(holdAll.decide(to("parent@home.example"), "x", sensitive, r -> false)).singleElement()
                .isInstanceOf(Decision.Hold.class);
        // Released by a reviewer to go protected: the portal, never back to review.
        assertThat(holdAll.decide(to("parent@home.example"), "x", Sensitivity.releasedProtected(false), r -> false))
                .singleElement().isInstanceOf(Decision.Portal.class);
    }
}
