package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailgate.gateway.testing.LeaveFixtures.CONTACT;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.entry;
import static org.mailgate.gateway.testing.LeaveFixtures.message;
import static org.mailgate.gateway.testing.LeaveFixtures.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * Mail the gateway writes itself is classified and protected like any other mail bound outside:
 * an auto-reply whose words (here the administrator's reply template) hold an NHS number and an
 * NI number never reaches the outside sender in clear; it goes to the secure portal instead.
 */
class GeneratedMailIsProtectedTest {

    static final String ALICE = "alice@partner.example";

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        LocalDate today = LocalDate.now();
        Path leave = LeaveFixtures.writeLeaveFile(dir, entry(JANE, today.minusDays(1), today.plusDays(3),
                today.plusDays(6), CONTACT, ""));
        Path template = dir.resolve("reply.txt");
        Files.writeString(template, "I am away until {returning}. For the Smith case the NHS number is 943 476 5919 "
                + "and Mr Smith's National Insurance number is JG 10 37 29 D.\n\n{name}\n");
        gw = TestGateway.startProtected(TestGateway.yaml(dir.resolve("data"), internal.port(), external.port(),
                "leave:\n  file: " + leave + "\n  reply_template: " + template + "\n"), b -> { });
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        internal.close();
        external.close();
    }

    @Test
    void anAutoReplyHoldingIdentifiersGoesToThePortalNotInClear() throws Exception {
        send(gw, ALICE, List.of(JANE), message("Alice <" + ALICE + ">", JANE, null, "Hello", "<m1@partner.example>"));
        await().atMost(Duration.ofSeconds(60)).until(() -> external.received().stream()
                .anyMatch(r -> r.recipients().contains(ALICE)));
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.gateway().queue().depth() == 0);
        assertThat(external.received()).allSatisfy(r -> assertThat(r.text())
                .doesNotContain("943 476 5919", "9434765919", "JG 10 37 29 D", "JG103729D"));
        assertThat(external.received()).anySatisfy(r -> assertThat(r.text()).containsIgnoringCase("secure message"));
    }
}
