package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.gateway.testing.LeaveFixtures.CONTACT;
import static org.mailgate.gateway.testing.LeaveFixtures.JANE;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitDelivered;
import static org.mailgate.gateway.testing.LeaveFixtures.awaitQuiet;
import static org.mailgate.gateway.testing.LeaveFixtures.entry;
import static org.mailgate.gateway.testing.LeaveFixtures.message;
import static org.mailgate.gateway.testing.LeaveFixtures.repliesTo;
import static org.mailgate.gateway.testing.LeaveFixtures.send;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.mailgate.gateway.testing.LeaveFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * One reply per sender per interval, remembered in the shared store across a restart, and a
 * fresh reply when a new leave period starts. Runs with {@code policy.stage: relay} so that
 * the wrapper is shown around the stage the configuration chooses.
 */
class ReplyIntervalTest {

    static final String ALICE = "alice@partner.example";

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;
    MutableClock clock = new MutableClock();

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    private TestGateway start(Path leaveFile) throws Exception {
        return TestGateway.startProtected(TestGateway.yaml(dir.resolve("data"), internal.port(), external.port(),
                "policy:\n  stage: relay\n", "leave:\n  file: " + leaveFile + "\n  reply_interval_days: 7\n"),
                b -> b.clock(clock));
    }

    private int sendFromAlice(int n) throws Exception {
        String id = "<interval" + n + "@partner.example>";
        send(gw, ALICE, List.of(JANE), message(ALICE, JANE, null, "Message " + n, id));
        awaitDelivered(internal, id, 1);
        awaitQuiet(gw, dir.resolve("data"), external, "bob" + n + "@partner.example");
        return repliesTo(external, ALICE).size();
    }

    @Test
    void repliesOncePerIntervalAcrossARestartAndAgainForANewPeriod() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        LocalDate today = LocalDate.now(clock);
        Path file = LeaveFixtures.writeLeaveFile(dir,
                entry(JANE, today.minusDays(1), today.plusDays(10), null, CONTACT, ""),
                entry(JANE, today.plusDays(14), today.plusDays(20), null, CONTACT, ""));
        gw = start(file);
        assertThat(sendFromAlice(1)).as("first message: a reply").isEqualTo(1);

        gw.close();
        gw = start(file);
        assertThat(sendFromAlice(2)).as("same day, after a restart: no second reply").isEqualTo(1);

        clock.advance(Duration.ofDays(8));
        assertThat(sendFromAlice(3)).as("8 days later, same period: the interval has passed").isEqualTo(2);
        assertThat(sendFromAlice(4)).as("straight after that: none").isEqualTo(2);

        clock.advance(Duration.ofDays(6));
        assertThat(sendFromAlice(5)).as("6 days later, but a new period has started").isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> repliesTo(external, ALICE).size() == 3);
    }
}
