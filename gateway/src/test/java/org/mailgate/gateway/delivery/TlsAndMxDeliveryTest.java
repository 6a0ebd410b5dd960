package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.certs.TlsIdentity;
import org.mailgate.gateway.testing.Peers;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestDns;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.testing.Tls;

/** Outbound TLS policy against a TLS-capable sink, and MX routing against a real (test) DNS server. */
class TlsAndMxDeliveryTest {

    @TempDir
    Path dir;
    @TempDir
    Path certs;
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeEach
    void sinks() throws Exception {
        internal = new TestSink();
        external = new TestSink();
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    private void send(String to) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of(to), "Subject: tls\r\n\r\nsecret-ish\r\n"), 250);
        }
    }

    private String routes(String external) {
        return "routes:\n  internal: 127.0.0.1:" + internal.port() + "\n  external: " + external + "\n";
    }

    @Test
    void encryptsOpportunisticallyWhateverCertificateTheHopShows() throws Exception {
        external.tls(Tls.selfSigned(certs, "not-the-host.example").identity().serverContext());
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port()));
        send("b@partner.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
        assertThat(external.received().get(0).tls()).isTrue();
    }

    @Test
    void requiredTlsDeliversOverAVerifiedCertificate() throws Exception {
        TlsIdentity.Generated cert = Tls.selfSigned(certs, "localhost");
        external.tls(cert.identity().serverContext());
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                routes("localhost:" + external.port()),
                "delivery:\n  retry_intervals: [1s]\n  trusted_certificates: " + cert.certificate() + "\n"
                        + "  domains:\n    partner.example: {tls: required}\n"));
        send("b@partner.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
        assertThat(external.received().get(0).tls()).isTrue();
    }

    @Test
    void requiredTlsNeverFallsBackToClearWhenTheCertificateIsNotTrusted() throws Exception {
        external.tls(Tls.selfSigned(certs, "localhost").identity().serverContext());
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(), routes("localhost:" + external.port()),
                "delivery:\n  retry_intervals: [1s]\n  domains:\n    \"*.example\": {tls: required}\n"));
        send("b@partner.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> stateContains("4.7.5"));
        Thread.sleep(1500);
        assertThat(external.received()).isEmpty();
    }

    @Test
    void requiredTlsWaitsWhenTheHopDoesNotOfferStarttls() throws Exception {
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  domains:\n    partner.example: {tls: required}\n"));
        send("b@partner.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> stateContains("4.7.4"));
        assertThat(external.received()).isEmpty();
    }

    @Test
    void encryptAcceptsAnyCertificateButNeverClearTextAndAMoreSpecificEntryWins() throws Exception {
        // *.gov.uk must be encrypted (forced TLS, as GOV.UK asks); legacy.gov.uk is the exception.
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  domains:\n    \"*.gov.uk\": {tls: encrypt}\n"
                        + "    legacy.gov.uk: {tls: may}\n"));
        send("clerk@court.gov.uk");
        await().atMost(Duration.ofSeconds(10)).until(() -> stateContains("4.7.4"));
        assertThat(TestFiles.spoolStates(dir)).contains("policy=*.gov.uk:encrypt");
        send("old@legacy.gov.uk");
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
        assertThat(external.received().get(0).recipients()).containsExactly("old@legacy.gov.uk");
        assertThat(external.received().get(0).tls()).isFalse();
        Thread.sleep(1500);
        assertThat(external.received()).hasSize(1);
    }

    @Test
    void encryptDeliversOverTlsWhateverTheCertificate() throws Exception {
        external.tls(Tls.selfSigned(certs, "not-the-host.example").identity().serverContext());
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  domains:\n    \"*.gov.uk\": {tls: encrypt}\n"));
        send("clerk@court.gov.uk");
        await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
        assertThat(external.received().get(0).tls()).isTrue();
    }

    @Test
    void theReceivingSideRefusesProtocolsOlderThanItsMinimum() throws Exception {
        Peers.require("openssl", false);
        gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(),
                "smtp:\n  listen: 127.0.0.1:0\n  hostname: gw.test\n  tls:\n    min_version: TLSv1.3\n"));
        String target = "127.0.0.1:" + gw.smtpPort();
        Peers.Result old = Peers.run(List.of("sh", "-c", "echo QUIT | timeout 10 openssl s_client -starttls smtp "
                + "-tls1_2 -connect " + target));
        assertThat(old.output()).contains("alert protocol version", "Cipher is (NONE)");
        Peers.Result current = Peers.run(List.of("sh", "-c", "echo QUIT | timeout 10 openssl s_client -starttls smtp "
                + "-tls1_3 -connect " + target));
        assertThat(current.output()).contains("New, TLSv1.3, Cipher is").doesNotContain("Cipher is (NONE)");
    }

    @Test
    void deliversToTheFirstReachableMxInPreferenceOrder() throws Exception {
        try (TestDns dns = new TestDns()) {
            dns.mx("partner.example", 10, "mx1.partner.example").a("mx1.partner.example", "127.0.0.2")
                    .mx("partner.example", 20, "mx2.partner.example").a("mx2.partner.example", "127.0.0.1");
            gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(), routes("mx")),
                    b -> b.dnsResolver(dns.resolver()).mxPort(external.port()));
            send("b@partner.example");
            await().atMost(Duration.ofSeconds(15)).until(() -> external.received().size() == 1);
        }
    }

    @Test
    void fallsBackToTheDomainsAddressWhenThereIsNoMx() throws Exception {
        try (TestDns dns = new TestDns()) {
            dns.a("partner.example", "127.0.0.1");
            gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(), routes("mx")),
                    b -> b.dnsResolver(dns.resolver()).mxPort(external.port()));
            send("b@partner.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> external.received().size() == 1);
        }
    }

    @Test
    void bouncesForANullMxOrADomainThatDoesNotExist() throws Exception {
        try (TestDns dns = new TestDns()) {
            dns.mx("nomail.example", 0, ".");
            gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), external.port(), routes("mx")),
                    b -> b.dnsResolver(dns.resolver()).mxPort(external.port()));
            send("b@nomail.example");
            send("c@nowhere.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> internal.received().size() == 2);
            assertThat(internal.received()).extracting(TestSink.Received::text)
                    .anySatisfy(t -> assertThat(t).contains("Status: 5.1.10", "null MX"))
                    .anySatisfy(t -> assertThat(t).contains("Status: 5.1.2", "does not exist"));
        }
    }

    private boolean stateContains(String text) {
        return TestFiles.spoolStates(dir).contains(text);
    }
}
