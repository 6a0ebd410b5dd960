package org.mailgate.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.gateway.testing.Parallel;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestDatabases.Kind;

/** Counts per day that several nodes add to at once lose nothing. */
class DailyCountsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void manyWritersAtOnceAddUpExactly(Kind kind) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T23:30:00Z"), ZoneId.of("Europe/London"));
        try (Database db = TestDatabases.open(kind, dir)) {
            DailyCounts a = new DailyCounts(db, clock);
            DailyCounts b = new DailyCounts(db, clock);
            Parallel.all(8, i -> {
                for (int n = 0; n < 25; n++) {
                    (i % 2 == 0 ? a : b).add("protected.portal", 1);
                }
                return i;
            });
            a.add("ooo.reply", 3);
            var counts = a.since(LocalDate.of(2026, 12, 1), List.of("protected.portal", "ooo.reply", "none"));
            assertThat(counts.get("protected.portal")).containsEntry(LocalDate.of(2026, 12, 6), 200L);
            assertThat(counts.get("ooo.reply")).containsEntry(LocalDate.of(2026, 12, 6), 3L);
            assertThat(counts.get("none")).isEmpty();
        }
    }
}
