package org.mailgate.gateway.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.OrganisationIdentity;
import org.mailgate.certs.Smime;
import org.mailgate.certs.TrustSettings;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.testing.Peers;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestCerts;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * The whole gateway as in production: the classifier (in child processes), the policy and
 * S/MIME. A flagged message reaches a recipient with a certificate encrypted (openssl decrypts
 * it), and is never delivered in clear to one without.
 */
class ProtectionEndToEndTest {

    private static final String SENSITIVE = "From: worker@council.example\r\nTo: gp@surgery.example, parent@home.example\r\n"
            + "Cc: colleague@council.example\r\nSubject: Referral for J. Smith\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "OFFICIAL-SENSITIVE: PERSONAL\r\n\r\nPatient: John Smith, date of birth 14/03/2011\r\n"
            + "NHS number: 943 476 5919\r\nNational Insurance number: AB 12 34 56 C\r\n"
            + "Referred by the safeguarding team for a child protection assessment.\r\n";

    @TempDir
    Path dir;
    @TempDir
    Path keys;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    TestCerts.Recipient gp;

    @BeforeEach
    void start() throws Exception {
        Peers.require("openssl", false);
        internal = new TestSink();
        external = new TestSink();
        gp = TestCerts.recipient(keys, "gp@surgery.example");
        new CertificateStore(dir.resolve("certs"), TrustSettings.permissive(), Clock.systemUTC()).importFile(gp.certificate());
        gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
                "policy:\n  sensitive_without_certificate: hold\n", "quarantine:\n  notify_senders: false\n"), b -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    private void send(List<String> to, String message) throws Exception {
        send(to, "worker@council.example", message);
    }

    private void send(List<String> to, String from, String message) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(from, to, message), 250);
        }
    }

    /** The internal recipient's copy (the sender's notice goes over the internal route too). */
    private List<TestSink.Received> toColleague() {
        return internal.received().stream().filter(r -> r.recipients().contains("colleague@council.example")).toList();
    }

    @Test
    void encryptsForTheRecipientWithACertificateAndHoldsForTheOneWithout() throws Exception {
        send(List.of("gp@surgery.example", "parent@home.example", "colleague@council.example"), SENSITIVE);
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 1 && !toColleague().isEmpty());
        TestSink.Received out = external.received().get(0);
        assertThat(out.recipients()).containsExactly("gp@surgery.example");
        assertThat(out.text()).contains("application/pkcs7-mime", "X-Mailgate-Protection: smime-encrypted; recipients=1",
                "Subject: Referral for J. Smith").doesNotContain("943 476 5919", "AB 12 34 56 C", "OFFICIAL-SENSITIVE");
        Path encrypted = keys.resolve("out.eml");
        Files.write(encrypted, out.data());
        Peers.Result decrypted = Peers.run(List.of("openssl", "cms", "-decrypt", "-in", encrypted.toString(),
                "-inkey", gp.key().toString(), "-recip", gp.certificate().toString()));
        assertThat(decrypted.exit()).as(decrypted.output()).isZero();
        assertThat(decrypted.output()).contains("NHS number: 943 476 5919", "OFFICIAL-SENSITIVE: PERSONAL");
        assertThat(toColleague().get(0).text()).contains("NHS number: 943 476 5919");
        // The recipient without a certificate is held: handed to the quarantine, with the classification.
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.gateway().quarantine().store()
                .list(QuarantineFilter.held(10)).total() == 1);
        QuarantineItem held = gw.gateway().quarantine().store().list(QuarantineFilter.held(10)).items().get(0);
        assertThat(held.recipients()).containsExactly("parent@home.example");
        assertThat(held.reason()).contains("no certificate for the recipient");
        assertThat(held.level()).isEqualTo("HIGH");
        assertThat(held.findingTypes()).contains("UK_NHS_NUMBER", "PROTECTIVE_MARKING");
        assertThat(held.classification()).doesNotContain("943 476 5919");
        await().atMost(Duration.ofSeconds(10)).until(() -> TestFiles.spoolStates(dir).isEmpty());
        Thread.sleep(1500);
        assertThat(external.received()).hasSize(1);
    }

    @Test
    void keepsAPartnersCertificateFromTheirSignedMailAndEncryptsTheReply() throws Exception {
        OrganisationIdentity alice = OrganisationIdentity.demo(keys.resolve("alice"), "Partner Ltd", "alice@partner.example",
                Clock.systemUTC());
        byte[] signed = Smime.sign(("From: alice@partner.example\r\nTo: jane@council.example\r\nSubject: Hello\r\n"
                + "Content-Type: text/plain\r\n\r\nSigned hello\r\n").getBytes(StandardCharsets.US_ASCII), alice);
        send(List.of("jane@council.example"), "alice@partner.example", new String(signed, StandardCharsets.ISO_8859_1));
        await().atMost(Duration.ofSeconds(30)).until(() -> internal.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> new CertificateStore(dir.resolve("certs"),
                TrustSettings.permissive(), Clock.systemUTC()).bestFor("alice@partner.example").isPresent());
        send(List.of("alice@partner.example"), "Subject: Re: Hello\r\n\r\nHer NHS number is 943 476 5919.\r\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 1);
        assertThat(external.received().get(0).text()).contains("application/pkcs7-mime").doesNotContain("943 476 5919");
    }

    @Test
    void aBccRecipientGetsAnEncryptedCopyOfTheirOwn() throws Exception {
        TestCerts.Recipient nurse = TestCerts.recipient(keys, "nurse@surgery.example");
        TestCerts.Recipient hidden = TestCerts.recipient(keys, "manager@surgery.example");
        CertificateStore store = new CertificateStore(dir.resolve("certs"), TrustSettings.permissive(), Clock.systemUTC());
        store.importFile(nurse.certificate());
        store.importFile(hidden.certificate());
        send(List.of("gp@surgery.example", "nurse@surgery.example", "manager@surgery.example"),
                "To: gp@surgery.example\r\nCc: Nurse <nurse@surgery.example>\r\nSubject: Ward round\r\n\r\n"
                        + "NHS number: 943 476 5919\r\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 2);
        assertThat(external.received()).extracting(TestSink.Received::recipients).containsExactlyInAnyOrder(
                List.of("gp@surgery.example", "nurse@surgery.example"), List.of("manager@surgery.example"));
        TestSink.Received bcc = external.received().stream()
                .filter(r -> r.recipients().contains("manager@surgery.example")).findFirst().orElseThrow();
        assertThat(bcc.text()).contains("recipients=1");
    }

    @Test
    void personalDataInTheSubjectDoesNotTravelInTheOuterHeader() throws Exception {
        send(List.of("gp@surgery.example"), "Subject: Referral, NI number AB 12 34 56 C\r\n\r\nSee the subject.\r\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 1);
        String out = external.received().get(0).text();
        assertThat(out).contains("application/pkcs7-mime", "Subject: Encrypted message\r\n").doesNotContain("AB 12 34 56 C");
        Path encrypted = keys.resolve("subject.eml");
        Files.write(encrypted, external.received().get(0).data());
        Peers.Result decrypted = Peers.run(List.of("openssl", "cms", "-decrypt", "-in", encrypted.toString(),
                "-inkey", gp.key().toString(), "-recip", gp.certificate().toString()));
        assertThat(decrypted.output()).contains("Subject: Referral, NI number AB 12 34 56 C");
    }

    @Test
    void ordinaryMailGoesInClearAndASubjectTriggerForcesEncryption() throws Exception {
        send(List.of("gp@surgery.example"), "Subject: Lunch on Friday\r\n\r\nShall we meet at 12:30 by the library?\r\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 1);
        assertThat(external.received().get(0).text()).contains("Shall we meet");
        send(List.of("gp@surgery.example"), "Subject: Minutes [secure]\r\n\r\nNothing personal here.\r\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 2);
        String second = external.received().get(1).text();
        assertThat(second).contains("application/pkcs7-mime", "Subject: Minutes\r\n").doesNotContain("[secure]");
    }
}
