package org.mailgate.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.delivery.TlsSessions;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.Knot;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.TestDatabases;
import org.xbill.DNS.SimpleResolver;

/**
 * The daily TLS reports from the shared store: counts from two nodes add up, a day's report goes
 * once the day is over (and once only, even when both nodes try at the same moment), today's
 * sessions wait for tomorrow's report, and hostile values from a peer cannot break the report.
 */
class TlsReportsTest {

    @TempDir
    Path dir;

    /** An outbox that keeps what is sent. */
    private static final class Kept implements Outbox {
        final List<String> mails = new CopyOnWriteArrayList<>();

        @Override
        public Envelope spool(String sender, List<String> recipients, Envelope.Origin origin, InputStream message)
                throws IOException {
            mails.add(String.join(",", recipients) + "\n" + new String(message.readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            return null;
        }

        @Override
        public void announce(Envelope spooled) {
        }
    }

    private static TlsSessions.Session failure(String type, String detail) {
        return new TlsSessions.Session("partner.test", new TlsSessions.Policy("sts",
                List.of("version: STSv1", "mode: enforce", "mx: mx1.partner.test", "max_age: 86400"),
                List.of("mx1.partner.test")), "mx1.partner.test", "192.0.2.1", "198.51.100.7", type, detail);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDaysReportGoesOnceFromTwoNodes(TestDatabases.Kind kind) throws Exception {
        String url = kind == TestDatabases.Kind.POSTGRES ? TestDatabases.freshPostgresSchema() : null;
        MutableClock clock = new MutableClock();
        try (Knot dns = Knot.serve(dir.resolve("knot"), Map.of("partner.test", Knot.zone("partner.test",
                "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@partner.test\"")));
                Database a = url != null ? Database.open(url, null, "node a") : TestDatabases.open(kind, dir.resolve("h2"));
                Database b = url != null ? Database.open(url, null, "node b") : a) {
            SimpleResolver resolver = new SimpleResolver("127.0.0.1");
            resolver.setPort(dns.port());
            GatewayConfig.TlsRpt settings = new GatewayConfig.TlsRpt(List.of(), true, "tls-reports@council.example");
            Kept outbox = new Kept();
            TlsReports nodeA = new TlsReports(a, clock, resolver, null, outbox, settings, "Test Council");
            TlsReports nodeB = new TlsReports(b, clock, resolver, null, outbox, settings, "Test Council");
            for (int i = 0; i < 3; i++) {
                nodeA.record(failure("certificate-expired", "certificate expired"));
                nodeB.record(failure("certificate-expired", "certificate expired"));
            }
            nodeA.record(failure(null, null));
            // A peer's error text is printable ASCII only, and bounded, in the report.
            nodeB.record(failure("validation-failure", "bad\r\nInjected: yes\u0000" + "x".repeat(500)));
            nodeA.flush();
            nodeB.flush();
            assertThat(nodeA.sendDue()).as("today is not over").isEmpty();

            clock.advance(Duration.ofDays(1));
            nodeA.record(failure(null, null)); // the new day's session belongs to the next report
            nodeA.flush();
            ExecutorService two = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            Future<List<String>> fa = two.submit(() -> {
                go.await();
                return nodeA.sendDue();
            });
            Future<List<String>> fb = two.submit(() -> {
                go.await();
                return nodeB.sendDue();
            });
            go.countDown();
            List<String> done = new java.util.ArrayList<>(fa.get());
            done.addAll(fb.get());
            two.shutdown();
            assertThat(outbox.mails).hasSize(1);
            assertThat(String.join("\n", done)).contains("partner.test: 8 session(s), 7 failed; report");
            String mail = outbox.mails.get(0);
            assertThat(mail).startsWith("tlsrpt@partner.test\n").contains("TLS-Report-Domain: partner.test")
                    .doesNotContain("Injected: yes\r\n");
            String json = json(mail);
            assertThat(json).contains("\"result-type\" : \"certificate-expired\"", "\"failed-session-count\" : 6",
                    "\"total-successful-session-count\" : 1", "\"total-failure-session-count\" : 7",
                    "\"sending-mta-ip\" : \"192.0.2.1\"", "\"receiving-ip\" : \"198.51.100.7\"")
                    .doesNotContain("\r", "\u0000");
            assertThat(json).contains("bad??Injected: yes?xxx");

            // Once more: nothing of that day again; the new day's session waits for its own day.
            assertThat(nodeB.sendDue()).isEmpty();
            clock.advance(Duration.ofDays(1));
            assertThat(nodeB.sendDue()).singleElement().asString().contains("partner.test: 1 session(s), 0 failed");
        }
    }

    /** The gzipped JSON attached to a report mail, as text. */
    private static String json(String mail) throws IOException {
        String b64 = mail.substring(mail.indexOf("Content-Transfer-Encoding: base64"));
        b64 = b64.substring(b64.indexOf("\r\n\r\n") + 4, b64.indexOf("\r\n--"));
        byte[] gz = java.util.Base64.getMimeDecoder().decode(b64);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
