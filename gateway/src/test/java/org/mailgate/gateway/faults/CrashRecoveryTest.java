package org.mailgate.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.GatewayProcess;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestSink;

/**
 * Kills the gateway process with SIGKILL while clients are sending and the next hop is slow,
 * restarts it, and checks that every message that got a 250 arrives (at least once).
 */
class CrashRecoveryTest {

    private static final Pattern TAG = Pattern.compile("X-Test-Id: (m-\\d+-\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterAKillDashNine() throws Exception {
        try (TestSink sink = new TestSink().dataDelay(50)) {
            List<Integer> ports = GatewayProcess.freePorts(2);
            Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, """
                    smtp:
                      listen: 127.0.0.1:%d
                    domains:
                      internal: [council.example]
                    routes:
                      internal: 127.0.0.1:%d
                      external: 127.0.0.1:%d
                    delivery:
                      retry_intervals: [1s]
                      concurrency: 4
                    storage:
                      dir: %s
                    web:
                      listen: 127.0.0.1:%d
                    """.formatted(ports.get(0), sink.port(), sink.port(), dir.resolve("data"), ports.get(1)));
            Path log = dir.resolve("gateway.log");
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger attempts = new AtomicInteger();

            GatewayProcess first = GatewayProcess.start(config, ports.get(0), log);
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int client = t;
                Thread th = new Thread(() -> send(first.smtpPort(), client, sending, acknowledged, attempts));
                th.start();
                clients.add(th);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 120);
            first.kill();
            sending.set(false);
            for (Thread th : clients) {
                th.join(10_000);
            }
            int deliveredBeforeRestart = sink.received().size();

            try (GatewayProcess second = GatewayProcess.start(config, ports.get(0), log)) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> delivered(sink).keySet().containsAll(acknowledged));
                Map<String, Long> counts = delivered(sink);
                long duplicates = counts.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
                System.out.printf("crash test: sent %d, acknowledged %d, delivered before kill %d, "
                        + "delivered distinct %d, duplicates %d, lost 0%n", attempts.get(), acknowledged.size(),
                        deliveredBeforeRestart, counts.size(), duplicates);
                assertThat(acknowledged).isSubsetOf(counts.keySet());
                await().atMost(Duration.ofSeconds(30)).until(() -> TestFiles.isEmpty(dir.resolve("data/spool/queue")));
                assertThat(dir.resolve("data/spool/tmp")).isEmptyDirectory();
            }
        }
    }

    private static void send(int port, int client, AtomicBoolean sending, Set<String> acknowledged, AtomicInteger attempts) {
        int n = 0;
        while (sending.get()) {
            try (SmtpConversation c = new SmtpConversation(port)) {
                c.greeting();
                c.command("EHLO crash.test");
                while (sending.get()) {
                    String id = "m-" + client + "-" + n++;
                    attempts.incrementAndGet();
                    SmtpConversation.Reply r = c.sendMail("a@council.example", List.of("b@partner.example"),
                            "X-Test-Id: " + id + "\r\nSubject: crash\r\n\r\n" + "line of body text\r\n".repeat(50));
                    if (r.code() == 250) {
                        acknowledged.add(id);
                    }
                }
            } catch (Exception e) {
                // the gateway died under us: only what got 250 counts
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static Map<String, Long> delivered(TestSink sink) {
        return sink.received().stream().map(r -> {
            Matcher m = TAG.matcher(r.text());
            return m.find() ? m.group(1) : "?";
        }).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
