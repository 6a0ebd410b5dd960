package org.mailgate.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.certs.TlsIdentity;
import org.mailgate.gateway.delivery.DaneLookup;
import org.mailgate.gateway.testing.Knot;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.testing.Tls;

/**
 * DANE (RFC 7672) with the real parts: Knot signs the zones (DNSSEC) and serves TLSA records for
 * the MX host; the gateway validates them with dnsjava's validator from a trust anchor file
 * holding the zones' keys ({@code dns.trust_anchor}), and the MX speaks STARTTLS with a
 * self-signed certificate that only the TLSA record vouches for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaneDeliveryTest {

    @TempDir
    static Path dir;

    private TestSink internal;
    private TestSink mx;
    private Knot dns;
    private Path anchors;

    @BeforeAll
    void start() throws Exception {
        TlsIdentity.Generated cert = Tls.selfSigned(dir.resolve("mx"), "mx1.dane.test");
        internal = new TestSink();
        mx = new TestSink();
        mx.tls(cert.identity().serverContext());
        String match = "_" + mx.port() + "._tcp.mx1 TLSA 3 1 1 " + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(cert.identity().certificate().getPublicKey().getEncoded()));
        String wrong = "_" + mx.port() + "._tcp.mx1 TLSA 3 1 1 " + "ab".repeat(32);
        dns = Knot.serve(dir.resolve("knot"), Map.of(
                "dane.test", Knot.zone("dane.test", match),
                "mismatch.test", Knot.zone("mismatch.test", wrong),
                "bogus.test", Knot.zone("bogus.test", match.replace("mx1", "mx1")),
                "insecure.test", Knot.zone("insecure.test"),
                "required.test", Knot.zone("required.test")),
                Set.of("dane.test", "mismatch.test", "bogus.test"));
        anchors = dir.resolve("anchors.txt");
        // bogus.test is signed, but the anchor names a key it does not have: every answer is bogus.
        Files.writeString(anchors, dns.trustAnchor("dane.test") + dns.trustAnchor("mismatch.test")
                + "bogus.test. IN DS 4711 13 2 " + "00".repeat(32) + "\n");
    }

    @AfterAll
    void stop() throws Exception {
        dns.close();
        mx.close();
        internal.close();
    }

    private TestGateway gateway(String name) throws Exception {
        return TestGateway.start(TestGateway.yaml(dir.resolve(name), internal.port(), mx.port(),
                "routes:\n  internal: 127.0.0.1:" + internal.port() + "\n  external: mx\n",
                "delivery:\n  retry_intervals: [1s]\n  mx_port: " + mx.port() + "\n  mta_sts: false\n"
                        + "  domains:\n    required.test: {tls: dane-only}\n",
                "dns:\n  servers: [127.0.0.1:" + dns.port() + "]\n  trust_anchor: " + anchors + "\n"));
    }

    private static void send(TestGateway gw, String to) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of(to), "Subject: dane\r\n\r\nhello\r\n"), 250);
        }
    }

    private static String metrics(TestGateway gw) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + gw.webPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private long receivedFor(String rcpt) {
        return mx.received().stream().filter(m -> m.recipients().contains(rcpt)).count();
    }

    @Test
    void aMatchingTlsaRecordDeliversOverTlsWithPolicyDane() throws Exception {
        try (TestGateway gw = gateway("match")) {
            send(gw, "b@dane.test");
            await().atMost(Duration.ofSeconds(20)).until(() -> receivedFor("b@dane.test") == 1);
            assertThat(mx.received().stream().filter(m -> m.recipients().contains("b@dane.test")).findFirst()
                    .orElseThrow().tls()).isTrue();
            assertThat(metrics(gw)).contains("gateway_tls_deliveries_total{policy=\"dane\",result=\"delivered\"} 1.0")
                    .contains("gateway_dane_lookups_total{result=\"secure\"}");
        }
    }

    @Test
    void aTlsaMismatchDefersAndNeverSendsInClear() throws Exception {
        try (TestGateway gw = gateway("mismatch")) {
            send(gw, "b@mismatch.test");
            await().atMost(Duration.ofSeconds(20)).until(() -> TestFiles.spoolStates(dir.resolve("mismatch"))
                    .contains("policy=dane"));
            assertThat(TestFiles.spoolStates(dir.resolve("mismatch"))).contains("TLSA");
            assertThat(receivedFor("b@mismatch.test")).isZero();
        }
    }

    @Test
    void bogusDnssecDefers() throws Exception {
        try (TestGateway gw = gateway("bogus")) {
            send(gw, "b@bogus.test");
            await().atMost(Duration.ofSeconds(20)).until(() -> TestFiles.spoolStates(dir.resolve("bogus"))
                    .contains("DNSSEC validation"));
            assertThat(receivedFor("b@bogus.test")).isZero();
            assertThat(metrics(gw)).contains("gateway_dane_lookups_total{result=\"bogus\"}");
        }
    }

    @Test
    void anInsecureZoneFallsBackToTheNextPolicy() throws Exception {
        try (TestGateway gw = gateway("insecure")) {
            send(gw, "b@insecure.test");
            await().atMost(Duration.ofSeconds(20)).until(() -> receivedFor("b@insecure.test") == 1);
            assertThat(metrics(gw)).contains(
                    "gateway_tls_deliveries_total{policy=\"default:may\",result=\"delivered\"} 1.0");
        }
    }

    @Test
    void daneOnlyWithoutTlsaRecordsDefers() throws Exception {
        try (TestGateway gw = gateway("required")) {
            send(gw, "b@required.test");
            await().atMost(Duration.ofSeconds(20)).until(() -> TestFiles.spoolStates(dir.resolve("required"))
                    .contains("no DNSSEC-validated TLSA records"));
            assertThat(TestFiles.spoolStates(dir.resolve("required"))).contains("policy=required.test:dane-only");
            assertThat(receivedFor("b@required.test")).isZero();
        }
    }

    @Test
    void tlsCheckShowsTheTlsaRecordsTheirDnssecStateAndWhatDaneWouldDo() throws Exception {
        try (TestGateway gw = gateway("check")) {
            org.xbill.DNS.SimpleResolver r = new org.xbill.DNS.SimpleResolver("127.0.0.1");
            r.setPort(dns.port());
            org.mailgate.gateway.delivery.TlsProbe probe = new org.mailgate.gateway.delivery.TlsProbe(gw.config(), r,
                    org.mailgate.gateway.delivery.MtaStsLookup.none(), new DnssecTlsa(r, java.util.Optional.of(anchors)));
            var ok = probe.check("dane.test");
            assertThat(String.join("\n", ok.lines())).contains("mx1.dane.test: TLSA secure [3 1 1 ",
                    "matches its TLSA records", "would deliver over TLS (policy=dane)");
            assertThat(ok.deliverable()).isTrue();
            var mismatch = probe.check("mismatch.test");
            assertThat(String.join("\n", mismatch.lines())).contains("TLSA secure",
                    "would wait (the certificate must match the TLSA records)");
            assertThat(mismatch.deliverable()).isFalse();
            var bogus = probe.check("bogus.test");
            assertThat(String.join("\n", bogus.lines())).contains("TLSA bogus", "DNSSEC bogus -> would wait");
            assertThat(bogus.deliverable()).isFalse();
        }
    }

    @Test
    void theValidatorSeesEachState() throws Exception {
        DnssecTlsa tlsa = new DnssecTlsa(new org.xbill.DNS.SimpleResolver("127.0.0.1") {
            {
                setPort(dns.port());
            }
        }, java.util.Optional.of(anchors));
        assertThat(tlsa.lookup("mx1.dane.test", mx.port()).usable()).isTrue();
        assertThat(tlsa.lookup("mx1.dane.test", 25).state()).isEqualTo(DaneLookup.State.SECURE);
        assertThat(tlsa.lookup("mx1.dane.test", 25).records()).isEmpty();
        assertThat(tlsa.lookup("mx1.bogus.test", mx.port()).state()).isEqualTo(DaneLookup.State.BOGUS);
        assertThat(tlsa.lookup("mx1.insecure.test", mx.port()).state()).isEqualTo(DaneLookup.State.INSECURE);
        // With the root's keys as the anchor, a server that serves only these zones makes nothing secure.
        DnssecTlsa root = new DnssecTlsa(new org.xbill.DNS.SimpleResolver("127.0.0.1") {
            {
                setPort(dns.port());
            }
        }, java.util.Optional.empty());
        assertThat(root.lookup("mx1.dane.test", mx.port()).state()).isEqualTo(DaneLookup.State.INSECURE);
        // A trust anchor file that is missing or holds no keys stops the start with a clear message.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DnssecTlsa(null,
                java.util.Optional.of(dir.resolve("missing.txt")))).hasMessageContaining("dns.trust_anchor")
                .hasMessageContaining("cannot be read");
        Path junk = Files.writeString(dir.resolve("junk.txt"), "hello world\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DnssecTlsa(null, java.util.Optional.of(junk)))
                .hasMessageContaining("dns.trust_anchor");
    }
}
