package org.mailgate.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.store.DailyCounts;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestDatabases.Kind;

class QuarantineStoreTest {

    @TempDir
    Path dir;

    private static final byte[] KEY = new byte[32];

    static QuarantineStore.NewItem item(String qid, String sender, List<String> rcpts, String subject,
            List<String> types, Instant held) {
        return new QuarantineStore.NewItem(qid, sender, holds(rcpts), subject, "HIGH", types,
                "{\"level\":\"HIGH\"}", held, held, "node-a");
    }

    static List<QuarantineItem.Hold> holds(List<String> rcpts) {
        return rcpts.stream().map(r -> new QuarantineItem.Hold(r,
                HoldReason.of(HoldReason.Rule.REVIEW_WITHOUT_CERTIFICATE, ""))).toList();
    }

    /** Stores {@code n} with a small body that names its subject. */
    static long insert(QuarantineStore store, QuarantineStore.NewItem n) throws java.sql.SQLException {
        return store.insert(n, new java.io.ByteArrayInputStream(("Subject: " + n.subject() + "\r\n\r\nbody")
                .getBytes(StandardCharsets.UTF_8)), KEY, (c, item) -> { });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void holdingTheSameMessageTwiceKeepsOneItem(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            QuarantineStore store = new QuarantineStore(db);
            Instant t = Instant.parse("2026-11-29T10:00:00Z");
            long a = insert(store, item("Q1", "jo@council.example", List.of("x@ext.example"), "Report", List.of("UK_NINO"), t));
            long b = insert(store, item("Q1", "jo@council.example", List.of("x@ext.example"), "Report", List.of("UK_NINO"), t));
            assertThat(b).isEqualTo(a);
            assertThat(store.list(QuarantineFilter.all(50)).total()).isEqualTo(1);
            QuarantineItem found = store.find(a).orElseThrow();
            assertThat(found.status()).isEqualTo(Status.HELD);
            assertThat(found.findingTypes()).containsExactly("UK_NINO");
            assertThat(found.recipients()).containsExactly("x@ext.example");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void whatGoesWithHoldingFailsAndNothingIsHeldSoTheHandOverCanRunAgain(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            QuarantineStore store = new QuarantineStore(db);
            Instant t = Instant.parse("2026-11-29T10:00:00Z");
            QuarantineStore.NewItem n = item("Q1", "jo@council.example", List.of("x@ext.example"), "Report",
                    List.of("UK_NINO"), t);
            List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> store.insert(n, new java.io.ByteArrayInputStream("Subject: x\r\n\r\nbody"
                    .getBytes(StandardCharsets.UTF_8)), KEY, (c, held) -> {
                        seen.add(held.id());
                        throw new IOException("the spool is full");
                    })).hasMessageContaining("the spool is full");
            assertThat(seen).hasSize(1);
            assertThat(store.idOf("Q1")).isEmpty();
            assertThat(store.list(QuarantineFilter.all(50)).total()).isZero();
            long id = insert(store, n);
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.HELD);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void filtersBySenderDomainFindingSearchAndPagesNewestFirst(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            QuarantineStore store = new QuarantineStore(db);
            Instant t = Instant.parse("2026-11-29T10:00:00Z");
            for (int i = 0; i < 30; i++) {
                insert(store, item("Q" + i, i % 2 == 0 ? "ann@council.example" : "bob@council.example",
                        List.of(i % 3 == 0 ? "x@nhs.example" : "y@law.example"), "Case " + i + " 100%_done",
                        i % 5 == 0 ? List.of("UK_NHS_NUMBER", "SPECIAL_CATEGORY") : List.of("UK_NINO"), t.plusSeconds(i)));
            }
            QuarantineFilter all = QuarantineFilter.all(10);
            QuarantineStore.Page first = store.list(all);
            assertThat(first.total()).isEqualTo(30);
            assertThat(first.more()).isTrue();
            assertThat(first.items()).extracting(QuarantineItem::queueId).startsWith("Q29", "Q28");
            QuarantineStore.Page second = store.list(all.before(first.items().get(9).id()));
            assertThat(second.items()).extracting(QuarantineItem::queueId).startsWith("Q19");

            assertThat(store.list(new QuarantineFilter(Optional.empty(), Optional.of("ANN@"), Optional.of("nhs.example"),
                    Optional.of("uk_nhs_number"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), 100)).items()).extracting(QuarantineItem::queueId).containsExactly("Q0");
            assertThat(store.list(new QuarantineFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(t.plusSeconds(28)), Optional.empty(), Optional.empty(),
                    Optional.empty(), 100)).total()).isEqualTo(2);
            // Search: every word of the query begins a word of the subject, sender or a recipient.
            assertThat(store.list(search("case 7 ")).items()).extracting(QuarantineItem::queueId).containsExactly("Q7");
            assertThat(store.list(search("CAS")).total()).isEqualTo(30);
            assertThat(store.list(search("ase")).total()).isZero();
            assertThat(store.list(search("ann@council")).total()).isEqualTo(15);
            assertThat(store.list(search("nhs 2")).items()).extracting(QuarantineItem::queueId)
                    .containsExactlyInAnyOrder("Q21", "Q24", "Q27");
            // LIKE wildcards and quotes in user input match literally and do nothing else.
            assertThat(store.list(search("100%_do")).total()).isEqualTo(30);
            assertThat(store.list(search("%")).total()).isEqualTo(30); // no words: no search
            assertThat(store.list(search("_x")).total()).isEqualTo(10); // the word "x", as in x@nhs.example
            assertThat(store.list(search("a_n@council")).total()).isZero(); // an address is kept whole: "_" is literal
            assertThat(store.list(search("a%@council")).total()).isZero();
            assertThat(store.list(search("' OR '1'='1")).total()).isZero();
        }
    }

    private static QuarantineFilter search(String s) {
        return new QuarantineFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(s), Optional.empty(), 100);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyOneOfTwoSimultaneousDecisionsWins(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            QuarantineStore store = new QuarantineStore(db);
            long id = insert(store, item("Q1", "a@council.example", List.of("x@ext.example"), "s", List.of(),
                    Instant.now()));
            CyclicBarrier barrier = new CyclicBarrier(8);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String who = "reviewer" + i;
                Callable<Boolean> c = () -> {
                    barrier.await();
                    return db.inTransaction(conn -> store.decide(conn, id, Status.RELEASED, who, "ok", "CLEAR",
                            Instant.now()));
                };
                results.add(pool.submit(c));
            }
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(wins).isEqualTo(1);
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.RELEASED);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void bodiesAreSealedInSegmentsAndBoundToTheirItem(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            QuarantineStore store = new QuarantineStore(db);
            byte[] body = "Secret plans, again and again. ".repeat(30_000).getBytes(StandardCharsets.US_ASCII);
            long[] ids = new long[5];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = store.insert(item("Q" + i, "a@council.example", List.of("x@ext.example"), "Plans", List.of(),
                        Instant.now()), new java.io.ByteArrayInputStream(body), KEY, (c, item) -> { });
            }
            assertThat(read(store.content(ids[0], KEY).orElseThrow())).isEqualTo(body);
            assertThat(store.find(ids[0]).orElseThrow().sizeBytes()).isEqualTo(body.length);
            try (Connection c = db.connection(); Statement sql = c.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT seq, data FROM quarantine_chunk WHERE item_id = " + ids[0])) {
                int segments = 0;
                while (rs.next()) {
                    segments++;
                    assertThat(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain("Secret");
                }
                assertThat(segments).as("930,000 bytes in 256 KiB segments").isEqualTo(4);
            }
            byte[] otherKey = new byte[32];
            otherKey[0] = 1;
            assertThatThrownBy(() -> read(store.content(ids[0], otherKey).orElseThrow())).isInstanceOf(IOException.class);
            try (Connection c = db.connection(); Statement sql = c.createStatement()) {
                // One bit changed in a segment.
                byte[] seg;
                try (ResultSet rs = sql.executeQuery("SELECT data FROM quarantine_chunk WHERE item_id = " + ids[1]
                        + " AND seq = 1")) {
                    rs.next();
                    seg = flip(rs.getBytes(1));
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE quarantine_chunk SET data = ? WHERE item_id = ? AND seq = 1")) {
                    ps.setBytes(1, seg);
                    ps.setLong(2, ids[1]);
                    ps.executeUpdate();
                }
                // A segment taken from another item, at the same place.
                sql.execute("DELETE FROM quarantine_chunk WHERE item_id = " + ids[2] + " AND seq = 2");
                sql.execute("INSERT INTO quarantine_chunk (item_id, seq, data) SELECT " + ids[2]
                        + ", seq, data FROM quarantine_chunk WHERE item_id = " + ids[4] + " AND seq = 2");
                // The last segment cut off.
                sql.execute("DELETE FROM quarantine_chunk WHERE item_id = " + ids[3] + " AND seq = 3");
            }
            for (int i = 1; i <= 3; i++) {
                long id = ids[i];
                assertThatThrownBy(() -> read(store.content(id, KEY).orElseThrow())).as("item Q" + i)
                        .isInstanceOf(IOException.class);
            }
            assertThat(read(store.content(ids[4], KEY).orElseThrow())).isEqualTo(body);
        }
    }

    private static byte[] read(java.io.InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[c.length - 1] ^= 1;
        return c;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void holdingAndDecidingKeepTheDashboardsDailyCountsInTheSameTransaction(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            QuarantineStore store = new QuarantineStore(db, java.time.ZoneOffset.UTC);
            Instant t = Instant.parse("2026-11-29T10:00:00Z");
            long a = insert(store, item("D1", "jo@council.example", List.of("x@family.court.example"), "One",
                    List.of("UK_NINO"), t));
            long b = insert(store, item("D2", "jo@council.example", List.of("y@family.court.example", "z@gp.example"),
                    "Two", List.of("UK_NINO", "IBAN"), t.plusSeconds(3600)));
            insert(store, item("D3", "jo@council.example", List.of("z@gp.example"), "Three", List.of("IBAN"),
                    t.plusSeconds(86_400)));
            insert(store, item("OLD", "jo@council.example", List.of("z@old.example"), "Old", List.of("UK_PASSPORT"),
                    t.minusSeconds(86_400 * 40)));
            db.inTransaction(c -> {
                store.decide(c, a, Status.RELEASED, "rita", "", "CLEAR", t.plusSeconds(600));
                store.decide(c, b, Status.REJECTED, "rita", "no", null, t.plusSeconds(3600 + 1800));
                // Deciding twice counts once: the second finds it decided.
                store.decide(c, b, Status.RELEASED, "rob", "", "CLEAR", t.plusSeconds(7200));
                return null;
            });
            LocalDate day = LocalDate.of(2026, 11, 29);
            DailyCounts counts = new DailyCounts(db, java.time.Clock.systemUTC());
            var daily = counts.since(day.minusDays(1), List.of("held", "released", "rejected"));
            assertThat(daily.get("held")).containsEntry(day, 2L).containsEntry(day.plusDays(1), 1L).hasSize(2);
            assertThat(daily.get("released")).containsExactly(java.util.Map.entry(day, 1L));
            assertThat(daily.get("rejected")).containsExactly(java.util.Map.entry(day, 1L));
            assertThat(counts.top(day.minusDays(1), QuarantineStore.FINDING, 5)).containsExactly(
                    java.util.Map.entry("IBAN", 2L), java.util.Map.entry("UK_NINO", 2L));
            assertThat(counts.top(day.minusDays(1), QuarantineStore.DOMAIN, 1)).containsExactly(
                    java.util.Map.entry("family.court.example", 2L));
            QuarantineStore.Waiting waiting = store.waiting();
            assertThat(waiting.count()).isEqualTo(2);
            assertThat(waiting.oldest()).contains(t.minusSeconds(86_400 * 40));
            // 10 and 30 minutes: the median is 20.
            assertThat(store.medianTimeToDecision(t.minusSeconds(86_400))).contains(java.time.Duration.ofMinutes(20));
        }
    }
}
