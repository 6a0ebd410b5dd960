package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.Knot;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * MX delivery through a real DNS server (Knot) named in {@code dns.servers}, to the port in
 * {@code delivery.mx_port}: the configuration alone, no test hooks in the gateway.
 */
class RealDnsDeliveryTest {

    private static final String ZONE = Knot.zone("partner.test", "@ MX 20 mx2", "mx2 A 127.0.0.2", "none MX 0 .");

    @TempDir
    Path dir;

    @Test
    void mxHostsComeFromTheConfiguredServerAndTheMxPortFromTheConfiguration() throws Exception {
        try (Knot dns = Knot.serve(dir.resolve("knot"), Map.of("partner.test", ZONE));
                TestSink internal = new TestSink(); TestSink external = new TestSink();
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir.resolve("gw"), internal.port(), external.port(),
                        "routes:\n  internal: 127.0.0.1:" + internal.port() + "\n  external: mx\n",
                        "delivery:\n  retry_intervals: [1s]\n  mx_port: " + external.port() + "\n",
                        "dns:\n  servers: [127.0.0.1:" + dns.port() + "]\n"))) {
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@partner.test"),
                        "Subject: via MX\r\n\r\nhello\r\n"), 250);
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("c@none.partner.test"),
                        "Subject: null MX\r\n\r\nhello\r\n"), 250);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> external.received().size() == 1
                    && internal.received().size() == 1);
            assertThat(external.received().get(0).recipients()).containsExactly("b@partner.test");
            // The null MX (RFC 7505) answered by the same server: a bounce, not a retry.
            assertThat(internal.received().get(0).text()).contains("c@none.partner.test");
        }
    }
}
