package org.mailgate.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.TrustSettings;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestCerts;
import org.mailgate.gateway.testing.TestFiles;

/**
 * Held mail through the real gateway: classified, held, handed from the spool to the
 * quarantine (sealed at rest), then released or rejected by a reviewer, or purged.
 */
class QuarantineEndToEndTest {

    static final String SENSITIVE = "From: worker@council.example\r\nTo: parent@home.example\r\n"
            + "Subject: Case notes\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "National Insurance number: AB 12 34 56 C\r\nNHS number: 943 476 5919\r\n"
            + "Referred by the safeguarding team for a child protection assessment.\r\n";

    @RegisterExtension
    final GatewayLab lab = GatewayLab.protectedStage().with(
            "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
            "quarantine:\n  notify_senders: false\n",
            "policy:\n  sensitive_without_certificate: hold\n");
    @TempDir
    Path keys;

    private QuarantineItem sendAndAwaitHold() throws Exception {
        try (SmtpConversation c = lab.gateway().ehlo()) {
            SmtpConversation.expect(c.sendMail("worker@council.example", List.of("parent@home.example"), SENSITIVE), 250);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> store().list(QuarantineFilter.held(10)).total() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestFiles.spoolStates(lab.dir()).isEmpty());
        return store().list(QuarantineFilter.held(10)).items().get(0);
    }

    private QuarantineStore store() {
        return lab.gateway().gateway().quarantine().store();
    }

    @Test
    void heldMailLeavesTheSpoolForTheQuarantineSealedAtRest() throws Exception {
        QuarantineItem item = sendAndAwaitHold();
        assertThat(item.sender()).isEqualTo("worker@council.example");
        assertThat(item.subject()).isEqualTo("Case notes");
        assertThat(item.findingTypes()).contains("UK_NINO", "UK_NHS_NUMBER");
        assertThat(item.classification()).doesNotContain("AB 12 34 56 C", "943 476 5919");
        // Nothing readable at rest: neither in the database files nor left in the spool.
        try (var files = Files.walk(lab.dir())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)).as(p.toString())
                        .doesNotContain("AB 12 34 56 C");
            }
        }
        assertThat(lab.external().received()).isEmpty();
        byte[] opened = lab.gateway().gateway().quarantine().open(item.id(), "rita", "VIEW", "review", "127.0.0.1")
                .orElseThrow().readAllBytes();
        assertThat(new String(opened, java.nio.charset.StandardCharsets.UTF_8)).contains("AB 12 34 56 C");
        assertThat(lab.gateway().gateway().audit().list(Optional.of("rita"), Optional.empty(), Optional.empty(), Optional.empty(), 10))
                .extracting(AuditLog.Entry::action).containsExactly("VIEW");
    }

    @Test
    void releaseInClearNeedsAJustificationAndDeliversTheOriginal() throws Exception {
        QuarantineItem item = sendAndAwaitHold();
        Quarantine q = lab.gateway().gateway().quarantine();
        assertThat(q.release(item.id(), ReleaseMode.CLEAR, "rita", "ok", "127.0.0.1").done()).isFalse();
        Quarantine.Outcome outcome = q.release(item.id(), ReleaseMode.CLEAR, "rita",
                "Parent asked for the notes; agreed with the team manager", "127.0.0.1");
        assertThat(outcome.done()).as(outcome.message()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> lab.external().received().size() == 1);
        assertThat(lab.external().received().get(0).recipients()).containsExactly("parent@home.example");
        assertThat(lab.external().received().get(0).text()).contains("Subject: Case notes", "AB 12 34 56 C");
        QuarantineItem after = store().find(item.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Status.RELEASED);
        assertThat(after.decidedBy()).isEqualTo("rita");
        assertThat(after.releaseMode()).isEqualTo("CLEAR");
        // A second decision changes nothing and sends nothing more.
        assertThat(q.release(item.id(), ReleaseMode.CLEAR, "sam", "again and again please", "x").done()).isFalse();
        assertThat(q.reject(item.id(), "sam", "no", "x").done()).isFalse();
        assertThat(lab.gateway().gateway().audit().list(Optional.empty(), Optional.empty(), Optional.of(item.id()),
                Optional.empty(), 10)).extracting(AuditLog.Entry::action).containsExactly("RELEASE_CLEAR", "HOLD");
        Thread.sleep(1500);
        assertThat(lab.external().received()).hasSize(1);
    }

    @Test
    void releaseAsPolicyEncryptsForARecipientWithACertificate() throws Exception {
        QuarantineItem item = sendAndAwaitHold();
        Quarantine q = lab.gateway().gateway().quarantine();
        TestCerts.Recipient parent = TestCerts.recipient(keys, "parent@home.example");
        new CertificateStore(lab.dir().resolve("certs"), TrustSettings.permissive(), Clock.systemUTC())
                .importFile(parent.certificate());
        assertThat(q.release(item.id(), ReleaseMode.PROTECTED, "rita", "", "127.0.0.1").done()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> lab.external().received().size() == 1);
        assertThat(lab.external().received().get(0).text()).contains("application/pkcs7-mime").doesNotContain("AB 12 34 56 C");
    }

    @Test
    void releaseAsPolicyWithoutACertificateGoesToThePortalNotBackToReview() throws Exception {
        QuarantineItem item = sendAndAwaitHold();
        assertThat(lab.gateway().gateway().quarantine().release(item.id(), ReleaseMode.PROTECTED, "rita", "", "127.0.0.1")
                .done()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> lab.external().received().size() == 1);
        assertThat(lab.external().received().get(0).text()).contains("secure message", "/p/").doesNotContain("AB 12 34 56 C");
        assertThat(store().list(QuarantineFilter.held(10)).total()).isZero();
    }

    @Test
    void rejectedMailIsNeverDelivered() throws Exception {
        QuarantineItem item = sendAndAwaitHold();
        Quarantine q = lab.gateway().gateway().quarantine();
        assertThat(q.reject(item.id(), "rita", "", "127.0.0.1").done()).isFalse();
        assertThat(q.reject(item.id(), "rita", "Contains a child's NHS number; use the portal", "127.0.0.1").done())
                .isTrue();
        assertThat(store().find(item.id()).orElseThrow().status()).isEqualTo(Status.REJECTED);
        assertThat(q.release(item.id(), ReleaseMode.CLEAR, "sam", "changed my mind entirely", "x").done()).isFalse();
        Thread.sleep(1500);
        assertThat(lab.external().received()).isEmpty();
    }

    @Test
    void itemsOlderThanTheRetentionTimeArePurgedWithAnAuditEntry() throws Exception {
        QuarantineItem item = sendAndAwaitHold();
        Quarantine q = lab.gateway().gateway().quarantine();
        assertThat(q.purgeExpired()).isZero();
        lab.clock().advance(Duration.ofDays(31));
        assertThat(q.purgeExpired()).isEqualTo(1);
        assertThat(store().find(item.id())).isEmpty();
        assertThat(lab.gateway().gateway().audit().list(Optional.empty(), Optional.empty(), Optional.of(item.id()),
                Optional.empty(), 10)).extracting(AuditLog.Entry::action).startsWith("PURGE");
        assertThat(lab.external().received()).isEmpty();
    }
}
