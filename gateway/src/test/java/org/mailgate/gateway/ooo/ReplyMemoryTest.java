package org.mailgate.gateway.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.TestDatabases;

/** The reply memory's rule, on both stores, and its race between nodes on the real PostgreSQL. */
class ReplyMemoryTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    final LocalDate start = LocalDate.of(2026, 12, 1);

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void oneReplyPerSenderPerIntervalAndPerPeriod(TestDatabases.Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            ReplyMemory memory = new ReplyMemory(db, clock, Duration.ofDays(7));
            assertThat(memory.claim("jane@council.example", "Alice@Partner.example", start)).isTrue();
            assertThat(memory.claim("jane@council.example", "alice@partner.example", start)).as("same sender").isFalse();
            assertThat(memory.claim("jane@council.example", "bob@partner.example", start)).as("another sender").isTrue();
            assertThat(memory.claim("sam@council.example", "alice@partner.example", start)).as("another staff").isTrue();
            assertThat(memory.claim("jane@council.example", "alice@partner.example", start.plusDays(20)))
                    .as("a new period").isTrue();
            clock.advance(Duration.ofDays(6));
            assertThat(memory.claim("jane@council.example", "alice@partner.example", start)).isFalse();
            clock.advance(Duration.ofDays(1));
            assertThat(memory.forgetExpired()).isEqualTo(4);
            assertThat(memory.claim("jane@council.example", "alice@partner.example", start)).as("7 days on").isTrue();
            assertThat(memory.claim("jane@council.example", "alice@partner.example", start)).isFalse();
        }
    }

    @Test
    void nodesRacingForTheSameReplyLetExactlyOneWin() throws Exception {
        String url = TestDatabases.freshPostgresSchema();
        int racers = 8;
        List<Database> nodes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            for (int i = 0; i < 2; i++) {
                nodes.add(Database.open(url, null, "node " + i));
            }
            for (int round = 0; round < 10; round++) {
                String sender = "caller" + round + "@partner.example";
                CyclicBarrier go = new CyclicBarrier(racers);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int r = 0; r < racers; r++) {
                    ReplyMemory memory = new ReplyMemory(nodes.get(r % 2), clock, Duration.ofDays(7));
                    Callable<Boolean> claim = () -> {
                        go.await();
                        return memory.claim("jane@council.example", sender, start);
                    };
                    results.add(threads.submit(claim));
                }
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
            nodes.forEach(Database::close);
        }
    }
}
