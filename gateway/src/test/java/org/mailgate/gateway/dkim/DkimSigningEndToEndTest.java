package org.mailgate.gateway.dkim;

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
import org.mailgate.gateway.testing.DkimVerifier;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestCerts;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * DKIM through a real gateway, verified by a second implementation (Debian's python3-dkim, the
 * library behind dkimverify, given the public key as DNS would): the sender's notice, the held
 * notice, the portal's notice to the recipient, an S/MIME copy and a bounce are signed for
 * council.example; mail relayed unchanged keeps its bytes and gets no signature.
 */
class DkimSigningEndToEndTest {

    private static final String SENDER = "worker@council.example";
    private static final String SENSITIVE = "Subject: Referral\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
            + "Patient NHS number 943 476 5919, National Insurance number AB 12 34 56 C.\r\n";
    @TempDir
    Path dir;
    @TempDir
    Path keys;

    @Test
    void everythingTheGatewayWritesOrAltersIsSignedAndRelayedMailKeepsItsBytes() throws Exception {
        Path keyFile = keys.resolve("mg1.pem");
        DkimVerifier verifier = new DkimVerifier(keys, DkimKeys.generate(keyFile, 2048), "council.example", "mg1");
        TestCerts.Recipient gp = TestCerts.recipient(keys, "gp@surgery.example");
        new CertificateStore(dir.resolve("certs"), TrustSettings.permissive(), Clock.systemUTC()).importFile(gp.certificate());

        try (TestSink internal = new TestSink(); TestSink external = new TestSink()
                .rcptReply(r -> r.startsWith("nobody@") ? "550 5.1.1 no such user" : "250 2.1.5 Ok");
                TestGateway gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                        "smtp:\n  listen: 127.0.0.1:0\n  hostname: mailgate.council.example\n",
                        "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
                        "policy:\n  quarantine_domains: [\"*.court.example\"]\n",
                        "misdirected:\n  first_sensitive_to_new_address: off\n",
                        "dkim:\n  keys:\n    - {domain: council.example, selector: mg1, key: " + keyFile + "}\n"),
                        b -> { })) {
            String relayed = "From: " + SENDER + "\r\nTo: friend@partner.example\r\nSubject: Lunch\r\n\r\n"
                    + "Shall we meet at 12:30?\r\n";
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail(SENDER, List.of("parent@home.example"), "From: " + SENDER + "\r\n"
                        + "To: parent@home.example\r\n" + SENSITIVE), 250);
                SmtpConversation.expect(c.sendMail(SENDER, List.of("clerk@family.court.example"), "From: " + SENDER
                        + "\r\nTo: clerk@family.court.example\r\n" + SENSITIVE), 250);
                SmtpConversation.expect(c.sendMail(SENDER, List.of("gp@surgery.example"), "From: " + SENDER + "\r\n"
                        + "To: gp@surgery.example\r\n" + SENSITIVE), 250);
                SmtpConversation.expect(c.sendMail(SENDER, List.of("friend@partner.example"), relayed), 250);
                SmtpConversation.expect(c.sendMail(SENDER, List.of("nobody@partner.example"), "From: " + SENDER
                        + "\r\nTo: nobody@partner.example\r\nSubject: Hello\r\n\r\nHi.\r\n"), 250);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> one(external, "parent@home.example") != null
                    && one(external, "gp@surgery.example") != null && one(external, "friend@partner.example") != null
                    && internal.received().stream().filter(r -> r.recipients().contains(SENDER)).count() >= 3);

            List<TestSink.Received> written = new java.util.ArrayList<>();
            written.add(one(external, "parent@home.example")); // the portal's notice to the recipient
            written.add(one(external, "gp@surgery.example")); // the S/MIME copy
            written.addAll(internal.received().stream().filter(r -> r.recipients().contains(SENDER)).toList());
            assertThat(written).extracting(r -> subject(r)).anySatisfy(s -> assertThat(s).startsWith("Held for review"))
                    .anySatisfy(s -> assertThat(s).startsWith("Sent securely"))
                    .anySatisfy(s -> assertThat(s).containsIgnoringCase("undeliver"));
            assertThat(one(external, "gp@surgery.example").text()).contains("application/pkcs7-mime");
            for (TestSink.Received r : written) {
                assertThat(r.text()).as(subject(r)).startsWith("DKIM-Signature: ");
                assertThat(r.text().lines().findFirst().orElseThrow()).contains("v=1;", "a=rsa-sha256;",
                        "c=relaxed/relaxed;", "d=council.example;", "s=mg1;", "h=from:");
                assertThat(verifier.verify(r.data())).as(subject(r)).isEqualTo("pass");
                // A changed byte breaks it: the check can fail.
                assertThat(verifier.verify(new String(r.data(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .replaceFirst("\r\n\r\n", "\r\n\r\nX").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                        .isEqualTo("fail");
            }
            // Relayed unchanged: no signature, and the bytes after our Received header are the client's.
            String out = one(external, "friend@partner.example").text();
            assertThat(out).doesNotContain("DKIM-Signature");
            assertThat(out).endsWith(relayed);
        }
    }

    private static TestSink.Received one(TestSink sink, String rcpt) {
        return sink.received().stream().filter(r -> r.recipients().contains(rcpt)).findFirst().orElse(null);
    }

    private static String subject(TestSink.Received r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Subject: (.*)$").matcher(r.text());
        return m.find() ? m.group(1).strip() : "";
    }
}
