package org.mailgate.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TcpProxy;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * PostgreSQL unreachable while sensitive mail for the portal arrives: the message is accepted,
 * waits in the spool (nothing leaves, it is not turned into a review item), and goes to the
 * portal as it would have once the database is back. The database is real, behind a proxy
 * that the test cuts.
 */
class PortalStoreDownTest {
    @TempDir
    Path dir;

    @Test
    void sensitiveMailWaitsForTheStoreAndThenGoesToThePortal() throws Exception {
        String url = TestDatabases.freshPostgresSchema();
        MutableClock clock = new MutableClock();
        try (TcpProxy proxy = new TcpProxy(5432); TestSink internal = new TestSink(); TestSink external = new TestSink()) {
            String viaProxy = url.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
            assertThat(viaProxy).isNotEqualTo(url);
            try (TestGateway gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                    "storage:\n  dir: " + dir + "\n  database: \"" + viaProxy + "\"\n",
                    "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
                    "quarantine:\n  notify_senders: false\n"), b -> b.clock(clock))) {
                proxy.cut();
                try (SmtpConversation c = gw.ehlo()) {
                    SmtpConversation.expect(c.sendMail("worker@council.example", List.of("parent@home.example"),
                            PortalFlowTest.SENSITIVE), 250);
                }
                // The store's connection timeout is 10 s: well past it, the message is still
                // waiting, undecided, and nothing has left.
                await().during(Duration.ofSeconds(14)).atMost(Duration.ofSeconds(20))
                        .until(() -> external.received().isEmpty() && gw.gateway().queue().depth() == 1);

                proxy.restore();
                // The retry is due a minute after the failure, which may be later than now: move
                // time on a minute per second until it has run.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    clock.advance(Duration.ofMinutes(1));
                    return !external.received().isEmpty();
                });
                assertThat(external.received()).hasSize(1);
                assertThat(external.received().get(0).text()).contains("Subject: Secure message from")
                        .doesNotContain("AB 12 34 56 C");
                assertThat(gw.gateway().quarantine().store().list(QuarantineFilter.all(10)).total()).isZero();
                await().atMost(Duration.ofSeconds(10)).until(() -> gw.gateway().queue().depth() == 0);
            }
        }
    }
}
