package org.mailgate.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.Knot;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.testing.Tls;

/**
 * Sending to domains that publish MTA-STS (RFC 8461), with the real parts: the _mta-sts TXT
 * record and the hosts from Knot (dns.servers), the policy from an HTTPS server whose
 * certificate is checked, and an MX that speaks STARTTLS with a certificate for its name.
 */
class MtaStsDeliveryTest {

    @TempDir
    Path dir;

    private static String zone(String domain) {
        return Knot.zone(domain, "mta-sts A 127.0.0.1", "_mta-sts TXT \"v=STSv1; id=20261206T1\"");
    }

    private record Run(TestSink external, TestGateway gw, AtomicInteger fetches) {
    }

    /** Knot, the policy server and a STARTTLS MX for {@code domain}, and a gateway using them. */
    private void withDomain(String domain, String policy, java.util.function.Consumer<Run> test) throws Exception {
        Path certs = dir.resolve("certs");
        var web = Tls.selfSigned(certs.resolve("web"), "mta-sts." + domain);
        var mx = Tls.selfSigned(certs.resolve("mx"), "mx1." + domain);
        Path trusted = certs.resolve("trusted.pem");
        Files.writeString(trusted, Files.readString(web.certificate()) + Files.readString(mx.certificate()));
        AtomicInteger fetches = new AtomicInteger();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(web.identity().serverContext()));
        https.createContext("/.well-known/mta-sts.txt", ex -> {
            fetches.incrementAndGet();
            byte[] body = policy.getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        https.start();
        try (Knot dns = Knot.serve(dir.resolve("knot"), Map.of(domain, zone(domain)));
                TestSink internal = new TestSink(); TestSink external = new TestSink()) {
            external.tls(mx.identity().serverContext());
            try (TestGateway gw = TestGateway.start(TestGateway.yaml(dir.resolve("gw"), internal.port(), external.port(),
                    "routes:\n  internal: 127.0.0.1:" + internal.port() + "\n  external: mx\n",
                    "delivery:\n  retry_intervals: [1s]\n  mx_port: " + external.port() + "\n  mta_sts_port: "
                            + https.getAddress().getPort() + "\n  trusted_certificates: " + trusted + "\n",
                    "dns:\n  servers: [127.0.0.1:" + dns.port() + "]\n"))) {
                try (SmtpConversation c = gw.ehlo()) {
                    SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@" + domain),
                            "Subject: hello\r\n\r\nhello\r\n"), 250);
                }
                test.accept(new Run(external, gw, fetches));
            }
        } finally {
            https.stop(0);
        }
    }

    private static String metrics(TestGateway gw) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + gw.webPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void enforceDeliversOnlyOverVerifiedTlsToTheMxItNames() throws Exception {
        withDomain("partner.test", "version: STSv1\r\nmode: enforce\r\nmx: mx1.partner.test\r\nmax_age: 86400\r\n",
                r -> {
                    await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().size() == 1);
                    assertThat(r.external().received().get(0).tls()).isTrue();
                    assertThat(r.fetches().get()).isEqualTo(1);
                    assertThat(metrics(r.gw())).contains(
                            "gateway_tls_deliveries_total{policy=\"mta-sts:enforce\",result=\"delivered\"} 1.0");
                });
        // Cached in the shared store until max_age: the id it was fetched for, its mode and MX.
    }

    @Test
    void enforceDefersWhenTheMxIsNotInThePolicyAndNeverSendsInClear() throws Exception {
        withDomain("wrongmx.test", "version: STSv1\r\nmode: enforce\r\nmx: mail.elsewhere.test\r\nmax_age: 86400\r\n",
                r -> {
                    await().atMost(Duration.ofSeconds(20)).until(() -> TestFiles.spoolStates(dir.resolve("gw"))
                            .contains("policy=mta-sts:enforce"));
                    assertThat(TestFiles.spoolStates(dir.resolve("gw"))).contains("is named in its MTA-STS policy");
                    assertThat(metrics(r.gw())).contains(
                            "gateway_tls_deliveries_total{policy=\"mta-sts:enforce\",result=\"deferred\"}");
                    assertThat(r.external().received()).isEmpty();
                });
    }

    @Test
    void testingDeliversAnyway() throws Exception {
        withDomain("trial.test", "version: STSv1\r\nmode: testing\r\nmx: mail.elsewhere.test\r\nmax_age: 86400\r\n",
                r -> await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().size() == 1));
    }
}
