import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.misdirected.Correspondents;
import org.mailgate.gateway.misdirected.Misdirection;
import org.mailgate.gateway.store.Database;

/**
 * The cost of the misdirection check: a history of SENDERS senders × CORRESPONDENTS addresses
 * each (plus their domains), then, for random senders, Misdirection.check on a sensitive message
 * to three external recipients (one the sender knows, one look-alike of a domain they write to,
 * one new address). Next to it, in the same run and store, the floor any store lookup has: one
 * row read by its primary key. Run from the repository root after packaging:
 *
 *   java -cp gateway/target/gateway.jar bench/misdirected/HistoryBench.java [SENDERS] [CORRESPONDENTS] [embedded|JDBC_URL]
 *
 * e.g. ... 10000 200 "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=bench"
 * (the schema must exist and be empty).
 */
public class HistoryBench {

    public static void main(String[] args) throws Exception {
        int senders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int each = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String database = args.length > 2 ? args[2] : "embedded";
        Path dir = Files.createTempDirectory("history-bench");
        GatewayConfig config = new ConfigLoader().parse("domains:\n  internal: [council.example]\nroutes:\n"
                + "  internal: dir:" + dir + "\nstorage:\n  dir: " + dir + "\n  database: \"" + database + "\"\n",
                "bench.yaml");
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        try (Database db = Database.open(config.storage())) {
            Correspondents history = new Correspondents(db, key, Clock.systemUTC(),
                    a -> a.endsWith("@council.example"));
            Misdirection check = new Misdirection(history, config.misdirected(), config.domains());
            Random random = new Random(42);
            String[] domains = new String[5000];
            for (int i = 0; i < domains.length; i++) {
                domains[i] = "partner" + i + (i % 3 == 0 ? ".org.uk" : i % 3 == 1 ? ".co.uk" : ".example");
            }
            long t0 = System.nanoTime();
            Map<Integer, List<String>> known = new HashMap<>();
            for (int s = 0; s < senders; s++) {
                Map<String, int[]> counts = new LinkedHashMap<>();
                List<String> mine = new ArrayList<>();
                while (counts.size() < each) {
                    String a = "first.last" + random.nextInt(1000) + "@" + domains[random.nextInt(domains.length)];
                    int n = 1 + random.nextInt(40);
                    if (counts.putIfAbsent(a, new int[] {n, random.nextInt(n + 1)}) == null) {
                        mine.add(a);
                    }
                }
                history.seed(sender(s), counts);
                if (s % 50 == 0) {
                    known.put(s, mine);
                }
            }
            long rows;
            try (Connection c = db.connection(); ResultSet rs = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM correspondent")) {
                rs.next();
                rows = rs.getLong(1);
            }
            System.out.printf("store: %s; %d senders x %d correspondents = %d rows, loaded in %.1f s%n",
                    db.description(), senders, each, rows, (System.nanoTime() - t0) / 1e9);

            List<Integer> sample = new ArrayList<>(known.keySet());
            int runs = 2000;
            long[] checks = new long[runs];
            long[] floor = new long[runs];
            int flagged = 0;
            for (int warm = 0; warm < 2; warm++) {
                for (int i = 0; i < runs; i++) {
                    int s = sample.get(random.nextInt(sample.size()));
                    List<String> mine = known.get(s);
                    String knownAddress = mine.get(random.nextInt(mine.size()));
                    String domain = knownAddress.substring(knownAddress.indexOf('@') + 1);
                    // Two letters swapped in the name of a domain the sender writes to.
                    String lookalike = "someone@" + domain.charAt(1) + domain.charAt(0) + domain.substring(2);
                    List<String> recipients = List.of(knownAddress, lookalike, "new.person" + i + "@elsewhere.example");
                    long a = System.nanoTime();
                    int found = check.check(sender(s), recipients, Set.copyOf(recipients), true).size();
                    checks[i] = System.nanoTime() - a;
                    flagged += found > 0 ? 1 : 0;
                    a = System.nanoTime();
                    pointRead(db);
                    floor[i] = System.nanoTime() - a;
                }
            }
            System.out.println();
            System.out.println("| measure (" + runs + " messages, 3 external recipients) | p50 ms | p95 ms | p99 ms |");
            System.out.println("| --- | --- | --- | --- |");
            print("Misdirection.check (one history read + look-alike hashing)", checks);
            print("reference: one row by primary key (JDBC)", floor);
            System.out.println();
            System.out.println("messages with a finding: " + flagged / 2 + " of " + runs);
        }
    }

    static String sender(int s) {
        return "staff" + s + "@council.example";
    }

    static void pointRead(Database db) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT messages FROM correspondent WHERE sender_hash = ? AND item_hash = ?")) {
            ps.setString(1, "0");
            ps.setString(2, "0");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %.2f | %.2f | %.2f |%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }
}
