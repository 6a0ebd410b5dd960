package org.mailgate.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * Two gateway nodes, each with its own spool, sharing one PostgreSQL: an item held by one is
 * seen and decided on the other, and when both act at the same moment it is released once.
 */
class TwoNodesTest {

    static final String SENSITIVE = "From: worker@council.example\r\nTo: parent@home.example\r\n"
            + "Subject: Case notes\r\n\r\nNational Insurance number: AB 12 34 56 C\r\nNHS number: 943 476 5919\r\n";

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    TestSink internal;
    TestSink external;
    TestGateway a;
    TestGateway b;

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        String url = TestDatabases.freshPostgresSchema();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String shared = "storage:\n  database: \"" + url + "\"\n  master_key: " + Base64.getEncoder().encodeToString(key)
                + "\n";
        String policy = "policy:\n  sensitive_without_certificate: hold\n";
        String quiet = "quarantine:\n  notify_senders: false\n";
        a = TestGateway.startProtected(TestGateway.yaml(dirA, internal.port(), external.port(),
                shared.replace("storage:\n", "storage:\n  dir: " + dirA + "\n"), policy, quiet), x -> { });
        b = TestGateway.startProtected(TestGateway.yaml(dirB, internal.port(), external.port(),
                shared.replace("storage:\n", "storage:\n  dir: " + dirB + "\n"), policy, quiet), x -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        internal.close();
        external.close();
    }

    @Test
    void anItemHeldOnOneNodeIsReleasedExactlyOnceWhenBothNodesActAtOnce() throws Exception {
        try (SmtpConversation c = a.ehlo()) {
            SmtpConversation.expect(c.sendMail("worker@council.example", List.of("parent@home.example"), SENSITIVE), 250);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> b.gateway().quarantine().store()
                .list(QuarantineFilter.held(10)).total() == 1);
        QuarantineItem item = b.gateway().quarantine().store().list(QuarantineFilter.held(10)).items().get(0);
        // Node B can open what node A sealed: the master key is shared.
        assertThat(new String(b.gateway().quarantine().open(item.id(), "rita", "VIEW", "review", "b").orElseThrow()
                .readAllBytes()))
                .contains("AB 12 34 56 C");

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Quarantine.Outcome>> outcomes = List.of(a, b).stream().map(node -> pool.submit((Callable<Quarantine.Outcome>) () -> {
            together.await();
            return node.gateway().quarantine().release(item.id(), ReleaseMode.CLEAR, "reviewer on " + node.smtpPort(),
                    "Agreed with the service manager for this case", "test");
        })).toList();
        int done = 0;
        for (Future<Quarantine.Outcome> f : outcomes) {
            done += f.get().done() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(done).isOne();
        await().atMost(Duration.ofSeconds(30)).until(() -> external.received().size() == 1);
        Thread.sleep(2000);
        assertThat(external.received()).hasSize(1);
        assertThat(a.gateway().quarantine().store().find(item.id()).orElseThrow().status())
                .isEqualTo(QuarantineItem.Status.RELEASED);
    }

    @Test
    void usersAndTheAuditLogAreShared() throws Exception {
        a.gateway().users().add("rita", Role.REVIEWER, "a long enough password");
        assertThat(b.gateway().users().login("rita", "a long enough password")).isEqualTo(Users.LoginResult.OK);
        a.gateway().audit().record("rita", "TEST", null, "from node A", "a");
        assertThat(b.gateway().audit().list(java.util.Optional.of("rita"), java.util.Optional.of("TEST"),
                java.util.Optional.empty(), java.util.Optional.empty(), 5)).hasSize(1);
    }

    @Test
    void whomASenderWritesToIsLearntOnOneNodeAndUsedOnTheOther() throws Exception {
        try (SmtpConversation c = a.ehlo()) {
            for (int i = 0; i < 5; i++) {
                SmtpConversation.expect(c.sendMail("worker@council.example", List.of("someone@partner.example"),
                        "Subject: Meeting " + i + "\r\n\r\nSee you on Tuesday.\r\n"), 250);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().size() == 5);
        try (SmtpConversation c = b.ehlo()) {
            SmtpConversation.expect(c.sendMail("worker@council.example", List.of("someone@partner.exmaple"),
                    SENSITIVE.replace("parent@home.example", "someone@partner.exmaple")), 250);
        }
        // Held for review here (sensitive_without_certificate: hold); node B's finding is in the shared audit log.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(a.gateway().audit().list(
                java.util.Optional.empty(), java.util.Optional.of("MISDIRECTED"), java.util.Optional.empty(),
                java.util.Optional.empty(), 10)).anySatisfy(e -> assertThat(e.detail()).contains(
                        "someone@partner.exmaple: lookalike", "looks like partner.example, to which you sent 5 messages")));
    }
}
