package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TcpProxy;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** After the next hop has been down, mail to one recipient arrives in the order the gateway took it. */
class RecipientOrderTest {
    @TempDir
    Path dir;

    @Test
    void laterMailWaitsBehindADeferredMessageToTheSameRecipient() throws Exception {
        MutableClock clock = new MutableClock();
        try (TestSink internal = new TestSink(); TestSink external = new TestSink();
                TcpProxy nextHop = new TcpProxy(external.port());
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, internal.port(), nextHop.port(),
                        "delivery:\n  retry_intervals: [1s, 10m]\n  concurrency: 4\n  connect_timeout: 2s\n"),
                        b -> b.clock(clock))) {
            nextHop.cut();
            send(gw, "m1", "r@partner.example");
            // m1 has failed twice: its next try is ten minutes away.
            await().atMost(Duration.ofSeconds(15)).until(() -> TestFiles.spoolStates(dir).contains("\"attempts\":2"));
            for (int i = 2; i <= 6; i++) {
                send(gw, "m" + i, "r@partner.example");
            }
            send(gw, "other", "someone.else@partner.example");
            nextHop.restore();
            // Whatever comes first (m1's retry, moved on by the clock, or m1 tried again because
            // later mail joined its line), m2..m6 may not overtake it.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                clock.advance(Duration.ofMinutes(1));
                return external.received().size() == 7;
            });
            assertThat(subjects(external).stream().filter(s -> s.startsWith("m")))
                    .containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        }
    }

    private static void send(TestGateway gw, String subject, String to) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail("a@council.example", List.of(to), "Subject: " + subject + "\r\n\r\nx\r\n"),
                    250);
        }
    }

    private static List<String> subjects(TestSink sink) {
        Pattern p = Pattern.compile("^Subject: (\\S+)", Pattern.MULTILINE);
        return sink.received().stream().map(r -> {
            Matcher m = p.matcher(r.text());
            return m.find() ? m.group(1) : "?";
        }).toList();
    }
}
