package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.DkimVerifier;
import org.mailgate.gateway.testing.Knot;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.testing.Tls;

/**
 * TLS reports (RFC 8460) end to end with the real parts: Knot serves the domains' MX, MTA-STS
 * and {@code _smtp._tls} records; an HTTPS server serves the MTA-STS policy and another takes
 * reports by POST; the MX speaks STARTTLS with a certificate no CA vouches for. After a day's
 * traffic, {@code tls report --now} has the running gateway send each report: by mail through
 * the gateway itself to the {@code mailto:} address, or by POST to the {@code https:} one.
 */
class TlsReportCliTest extends CliTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DkimVerifier dkim;

    private record Posted(String contentType, byte[] body) {
    }

    private String zone(String domain, String... more) {
        return Knot.zone(domain, more);
    }

    /**
     * Runs a gateway whose MTA-STS policy server serves {@code policy} for {@code stsDomain}. The
     * MX's certificate names {@code mx1.partner.test} and is not trusted; with {@code expiredMx}
     * it names {@code mx1.STSDOMAIN} and is trusted, but expired.
     */
    private void run(String stsDomain, String policy, List<String> sendTo, boolean expiredMx, ReportCheck check)
            throws Exception {
        Path certs = dir.resolve("certs");
        var web = Tls.selfSigned(certs.resolve("web"), "mta-sts." + stsDomain);
        var reportsWeb = Tls.selfSigned(certs.resolve("reports"), "reports.test");
        java.time.Instant now = java.time.Instant.now();
        org.mailgate.gateway.testing.TestCerts.Server expired = expiredMx ? org.mailgate.gateway.testing.TestCerts
                .server(certs.resolve("mx"), "mx1." + stsDomain, now.minus(Duration.ofDays(400)),
                        now.minus(Duration.ofDays(35))) : null;
        org.mailgate.certs.TlsIdentity mxIdentity = expiredMx ? expired.identity()
                : Tls.selfSigned(certs.resolve("mx"), "mx1.partner.test").identity();
        Path trusted = certs.resolve("trusted.pem");
        Files.writeString(trusted, Files.readString(web.certificate()) + Files.readString(reportsWeb.certificate())
                + (expiredMx ? Files.readString(expired.ca()) : ""));
        HttpsServer policies = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        policies.setHttpsConfigurator(new HttpsConfigurator(web.identity().serverContext()));
        policies.createContext("/.well-known/mta-sts.txt", ex -> {
            byte[] body = policy.getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        policies.start();
        List<Posted> posted = new CopyOnWriteArrayList<>();
        HttpsServer reports = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        reports.setHttpsConfigurator(new HttpsConfigurator(reportsWeb.identity().serverContext()));
        reports.createContext("/tlsrpt", ex -> {
            posted.add(new Posted(ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(201, -1);
            ex.close();
        });
        reports.start();
        Path dkimKey = dir.resolve("mg1.pem");
        dkim = new DkimVerifier(Files.createDirectories(dir.resolve("dkim")),
                org.mailgate.gateway.dkim.DkimKeys.generate(dkimKey, 2048), "council.example", "mg1");
        String sts = "_mta-sts TXT \"v=STSv1; id=20261207T1\"";
        String mailto = "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@reports.test\"";
        try (Knot dns = Knot.serve(dir.resolve("knot"), Map.of(
                stsDomain, zone(stsDomain, "mta-sts A 127.0.0.1", sts, mailto),
                "plain.test", zone("plain.test", "_smtp._tls TXT \"v=TLSRPTv1;rua=https://reports.test:"
                        + reports.getAddress().getPort() + "/tlsrpt\""),
                "quiet.test", zone("quiet.test"),
                "reports.test", zone("reports.test", "@ A 127.0.0.1")));
                TestSink internal = new TestSink(); TestSink external = new TestSink()) {
            external.tls(mxIdentity.serverContext());
            Path data = dir.resolve("gw");
            String yaml = TestGateway.yaml(data, internal.port(), external.port(),
                    "routes:\n  internal: 127.0.0.1:" + internal.port() + "\n  external: mx\n",
                    "delivery:\n  retry_intervals: [1s]\n  mx_port: " + external.port() + "\n  mta_sts_port: "
                            + policies.getAddress().getPort() + "\n  trusted_certificates: " + trusted + "\n",
                    "dns:\n  servers: [127.0.0.1:" + dns.port() + "]\n",
                    "portal:\n  organisation: Lincolnshire Test Council\n",
                    "dkim:\n  keys:\n    - {domain: council.example, selector: mg1, key: " + dkimKey + "}\n");
            Path config = dir.resolve("gw.yaml");
            Files.writeString(config, yaml);
            try (TestGateway gw = TestGateway.start(yaml)) {
                for (String to : sendTo) {
                    try (SmtpConversation c = gw.ehlo()) {
                        SmtpConversation.expect(c.sendMail("a@council.example", List.of(to),
                                "Subject: hello\r\n\r\nhello\r\n"), 250);
                    }
                }
                check.run(new Reports(gw, external, posted, config, data));
            }
        } finally {
            policies.stop(0);
            reports.stop(0);
        }
    }

    private record Reports(TestGateway gw, TestSink external, List<Posted> posted, Path config, Path data) {
    }

    @FunctionalInterface
    private interface ReportCheck {
        void run(Reports r) throws Exception;
    }

    /** The JSON report attached to the mail for {@code domain}, checked for RFC 8460's MIME form and DKIM. */
    private JsonNode mailedReport(TestSink sink, String domain) throws Exception {
        TestSink.Received m = sink.received().stream().filter(r -> r.recipients().contains("tlsrpt@reports.test")
                && r.text().contains("TLS-Report-Domain: " + domain)).findFirst().orElseThrow();
        assertThat(m.sender()).isEmpty();
        assertThat(dkim.verify(m.data())).isEqualTo("pass");
        MimeMessage msg = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(m.data()));
        assertThat(msg.getContentType()).contains("multipart/report").contains("report-type=\"tlsrpt\"");
        assertThat(msg.getSubject()).startsWith("Report Domain: " + domain + " Submitter: council.example Report-ID: <");
        assertThat(msg.getHeader("TLS-Report-Submitter")[0]).isEqualTo("council.example");
        Multipart parts = (Multipart) msg.getContent();
        Part gz = parts.getBodyPart(1);
        assertThat(gz.getContentType()).startsWith("application/tlsrpt+gzip");
        assertThat(gz.getFileName()).matches("council\\.example!" + domain.replace(".", "\\.") + "!\\d+!\\d+!.+\\.json\\.gz");
        try (GZIPInputStream in = new GZIPInputStream(gz.getInputStream())) {
            return JSON.readTree(in);
        }
    }

    /** The fields RFC 8460 section 4.3 requires. */
    private static void assertReportFields(JsonNode report) {
        assertThat(report.get("organization-name").asText()).isEqualTo("Lincolnshire Test Council");
        assertThat(report.at("/date-range/start-datetime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(report.at("/date-range/end-datetime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(report.get("contact-info").asText()).isEqualTo("tls-reports@council.example");
        assertThat(report.get("report-id").asText()).isNotBlank();
        assertThat(report.get("policies").isArray()).isTrue();
        for (JsonNode p : report.get("policies")) {
            assertThat(p.at("/policy/policy-type").asText()).isIn("sts", "tlsa", "no-policy-found");
            assertThat(p.at("/summary/total-successful-session-count").isIntegralNumber()).isTrue();
            assertThat(p.at("/summary/total-failure-session-count").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void enforceFailuresAreReportedByMailAndSuccessesByHttps() throws Exception {
        run("partner.test", "version: STSv1\r\nmode: enforce\r\nmx: mx1.partner.test\r\nmax_age: 86400\r\n",
                List.of("b@partner.test", "c@plain.test", "d@quiet.test"), false, r -> {
                    // Enforce with a certificate nobody vouches for: deferred, never in clear.
                    await().atMost(Duration.ofSeconds(20)).until(() -> TestFiles.spoolStates(r.data())
                            .contains("policy=mta-sts:enforce"));
                    await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().size() == 2);
                    assertThat(r.external().received()).noneMatch(m -> m.recipients().contains("b@partner.test"));

                    assertThat(run("tls", "report", "--now", "--config", r.config().toString())).as(err.toString())
                            .isZero();
                    assertThat(out.toString()).contains("partner.test: ", "sent to mailto:tlsrpt@reports.test",
                            "plain.test: 1 session(s), 0 failed", "sent to https://reports.test:",
                            "quiet.test: 1 session(s), 0 failed; no _smtp._tls record, not reported");

                    await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().stream()
                            .anyMatch(m -> m.recipients().contains("tlsrpt@reports.test")));
                    JsonNode report = mailedReport(r.external(), "partner.test");
                    assertReportFields(report);
                    JsonNode p = report.at("/policies/0");
                    assertThat(p.at("/policy/policy-type").asText()).isEqualTo("sts");
                    assertThat(p.at("/policy/policy-domain").asText()).isEqualTo("partner.test");
                    assertThat(p.at("/policy/policy-string").toString()).contains("mode: enforce", "mx: mx1.partner.test");
                    assertThat(p.at("/policy/mx-host/0").asText()).isEqualTo("mx1.partner.test");
                    assertThat(p.at("/summary/total-successful-session-count").asLong()).isZero();
                    assertThat(p.at("/summary/total-failure-session-count").asLong()).isPositive();
                    JsonNode failure = p.at("/failure-details/0");
                    assertThat(failure.get("result-type").asText()).isEqualTo("certificate-not-trusted");
                    assertThat(failure.get("receiving-mx-hostname").asText()).isEqualTo("mx1.partner.test");
                    assertThat(failure.get("receiving-ip").asText()).isEqualTo("127.0.0.1");
                    assertThat(failure.get("sending-mta-ip").asText()).isEqualTo("127.0.0.1");
                    assertThat(failure.get("failed-session-count").asLong()).isPositive();

                    assertThat(r.posted()).hasSize(1);
                    assertThat(r.posted().get(0).contentType()).isEqualTo("application/tlsrpt+gzip");
                    JsonNode posted = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(r.posted().get(0).body())));
                    assertReportFields(posted);
                    assertThat(posted.at("/policies/0/policy/policy-type").asText()).isEqualTo("no-policy-found");
                    assertThat(posted.at("/policies/0/policy/policy-domain").asText()).isEqualTo("plain.test");
                    assertThat(posted.at("/policies/0/summary/total-successful-session-count").asLong()).isEqualTo(1);
                    assertThat(posted.at("/policies/0/summary/total-failure-session-count").asLong()).isZero();

                    // What was reported is not reported again.
                    out.reset();
                    assertThat(run("tls", "report", "--now", "--config", r.config().toString())).isZero();
                    assertThat(out.toString()).doesNotContain("plain.test", "quiet.test");
                });
    }

    @Test
    void testingModeDeliversAndReportsTheFailure() throws Exception {
        run("trial.test", "version: STSv1\r\nmode: testing\r\nmx: mx1.trial.test\r\nmax_age: 86400\r\n",
                List.of("b@trial.test"), false, r -> {
                    await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().size() == 1);
                    assertThat(run("tls", "report", "--now", "--config", r.config().toString())).as(err.toString())
                            .isZero();
                    assertThat(out.toString()).contains("trial.test: 1 session(s), 1 failed");
                    await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().size() == 2);
                    JsonNode p = mailedReport(r.external(), "trial.test").at("/policies/0");
                    assertThat(p.at("/policy/policy-string").toString()).contains("mode: testing");
                    assertThat(p.at("/summary/total-failure-session-count").asLong()).isEqualTo(1);
                    assertThat(p.at("/failure-details/0/result-type").asText()).isEqualTo("certificate-not-trusted");
                });
    }

    @Test
    void anExpiredCertificateUnderEnforceWaitsAndIsReportedAsExpired() throws Exception {
        run("expired.test", "version: STSv1\r\nmode: enforce\r\nmx: mx1.expired.test\r\nmax_age: 86400\r\n",
                List.of("b@expired.test"), true, r -> {
                    await().atMost(Duration.ofSeconds(20)).until(() -> TestFiles.spoolStates(r.data())
                            .contains("policy=mta-sts:enforce"));
                    assertThat(TestFiles.spoolStates(r.data())).contains("4.7.5");
                    assertThat(run("tls", "report", "--now", "--config", r.config().toString())).isZero();
                    await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().size() == 1);
                    assertThat(r.external().received().get(0).recipients()).containsExactly("tlsrpt@reports.test");
                    JsonNode p = mailedReport(r.external(), "expired.test").at("/policies/0");
                    assertThat(p.at("/failure-details/0/result-type").asText()).isEqualTo("certificate-expired");
                    assertThat(p.at("/summary/total-successful-session-count").asLong()).isZero();
                });
    }

    @Test
    void withNoGatewayRunningTheCommandSendsTheReportsItself() throws Exception {
        run("partner.test", "version: STSv1\r\nmode: enforce\r\nmx: mx1.partner.test\r\nmax_age: 86400\r\n",
                List.of("c@plain.test"), false, r -> {
                    await().atMost(Duration.ofSeconds(20)).until(() -> r.external().received().size() == 1);
                    r.gw().close(); // its counts go to the store as it stops
                    assertThat(run("tls", "report", "--now", "--wait", "2", "--config", r.config().toString()))
                            .as(err.toString()).isZero();
                    assertThat(out.toString()).contains("the gateway did not answer; sent from here",
                            "plain.test: 1 session(s), 0 failed; report");
                    assertThat(r.posted()).hasSize(1);
                    assertThat(r.posted().get(0).contentType()).isEqualTo("application/tlsrpt+gzip");
                });
    }
}
