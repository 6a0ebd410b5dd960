package org.mailgate.gateway.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.TrustSettings;
import org.mailgate.gateway.testing.Peers;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestCerts;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** smime.sign: external — every external message carries the organisation's signature (openssl verifies it). */
class SigningEndToEndTest {

    @TempDir
    Path dir;
    @TempDir
    Path keys;

    @Test
    void signsPlainExternalMailAndSignsThenEncryptsProtectedMail() throws Exception {
        Peers.require("openssl", false);
        TestCerts.Recipient gp = TestCerts.recipient(keys, "gp@surgery.example");
        new CertificateStore(dir.resolve("certs"), TrustSettings.permissive(), Clock.systemUTC()).importFile(gp.certificate());
        try (TestSink internal = new TestSink(); TestSink external = new TestSink();
                TestGateway gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                        "smime:\n  sign: external\n", "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n"),
                        b -> { })) {
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("partner@partner.example", "b@council.example"),
                        "Subject: Agenda\r\n\r\nItem one: the library opening hours.\r\n"), 250);
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("gp@surgery.example"),
                        "Subject: Patient\r\n\r\nNHS number: 943 476 5919\r\n"), 250);
            }
            // Internal: b@council.example's copy (and the sender's notice of a first sensitive mail to gp@).
            java.util.function.Supplier<List<TestSink.Received>> toB = () -> internal.received().stream()
                    .filter(r -> r.recipients().contains("b@council.example")).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 2 && toB.get().size() == 1);
            assertThat(toB.get().get(0).text()).doesNotContain("multipart/signed");
            Path ca = dir.resolve("smime/demo-ca.pem");
            TestSink.Received plain = external.received().stream().filter(r -> r.recipients().contains("partner@partner.example"))
                    .findFirst().orElseThrow();
            assertThat(plain.text()).contains("multipart/signed", "Item one: the library opening hours.");
            Path signed = keys.resolve("signed.eml");
            Files.write(signed, plain.data());
            Peers.Result verified = Peers.run(List.of("openssl", "cms", "-verify", "-in", signed.toString(), "-CAfile",
                    ca.toString(), "-purpose", "any"));
            assertThat(verified.exit()).as(verified.output()).isZero();
            assertThat(verified.output()).contains("Item one: the library opening hours.", "Verification successful");

            TestSink.Received protectedCopy = external.received().stream()
                    .filter(r -> r.recipients().contains("gp@surgery.example")).findFirst().orElseThrow();
            Path encrypted = keys.resolve("encrypted.eml");
            Files.write(encrypted, protectedCopy.data());
            Path inner = keys.resolve("inner.eml");
            Peers.Result decrypted = Peers.run(List.of("openssl", "cms", "-decrypt", "-in", encrypted.toString(),
                    "-inkey", gp.key().toString(), "-recip", gp.certificate().toString(), "-out", inner.toString()));
            assertThat(decrypted.exit()).as(decrypted.output()).isZero();
            Peers.Result innerVerified = Peers.run(List.of("openssl", "cms", "-verify", "-in", inner.toString(), "-CAfile",
                    ca.toString(), "-purpose", "any"));
            assertThat(innerVerified.exit()).as(innerVerified.output()).isZero();
            assertThat(innerVerified.output()).contains("NHS number: 943 476 5919");
        }
    }
}
