package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailgate.gateway.testing.LeaveFixtures.CONTACT;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.message;
import static org.mailgate.gateway.testing.LeaveFixtures.replies;
import static org.mailgate.gateway.testing.LeaveFixtures.send;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * Two gateway nodes on one PostgreSQL schema, each given the same message at the same
 * moment (as happens when a sender's server retries to a second MX): one reply, not two.
 */
class TwoNodesReplyOnceTest {

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    final List<TestGateway> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (TestGateway n : nodes) {
            n.close();
        }
        internal.close();
        external.close();
    }

    @Test
    void twoNodesSeeingTheSameMessageAtOnceSendOneReply() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        String database = TestDatabases.freshPostgresSchema();
        LocalDate today = LocalDate.now();
        Path leave = LeaveFixtures.writeLeaveFile(dir, LeaveFixtures.entry(JANE, today.minusDays(1),
                today.plusDays(5), null, CONTACT, ""));
        for (String node : List.of("a", "b")) {
            nodes.add(TestGateway.start(TestGateway.yaml(dir.resolve(node), internal.port(), external.port(),
                    "storage:\n  dir: " + dir.resolve(node) + "\n  database: \"" + database + "\"\n",
                    "leave:\n  file: " + leave + "\n")));
        }
        int senders = 6;
        for (int i = 0; i < senders; i++) {
            String sender = "caller" + i + "@partner.example";
            String msg = message(sender, JANE, null, "Question " + i, "<same" + i + "@partner.example>");
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> sends = nodes.stream().map(n -> CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                    send(n, sender, List.of(JANE), msg);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).toList();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> internal.received().size() == 2 * senders);
        LeaveFixtures.awaitQuiet(nodes.get(0), dir.resolve("a"), external, "last.a@partner.example");
        LeaveFixtures.awaitQuiet(nodes.get(1), dir.resolve("b"), external, "last.b@partner.example");
        // Each node loaded the same leave file: it is in the store once, not twice.
        assertThat(nodes.get(0).gateway().outOfOffice().schedule().store().all()).hasSize(1);
        assertThat(replies(external)).extracting(r -> r.recipients().get(0)).filteredOn(r -> r.startsWith("caller"))
                .hasSize(senders).doesNotHaveDuplicates();
    }
}
