import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.config.ConfigLoader;
import org.mailgate.gateway.Gateway;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineStore;
import org.mailgate.gateway.quarantine.SearchTerms;
import org.mailgate.gateway.store.Database;

/**
 * The review UI's queue view with a large quarantine: times the HTML page (signed in, over
 * HTTP) and the JSON API for the common views, next to the same store query run directly
 * over JDBC in the same run (the floor any page can reach); then the dashboard page, its API,
 * and each of its panels' queries. Run from the repository root after
 * packaging:
 *
 *   java -cp gateway/target/gateway.jar bench/quarantine/QueueViewBench.java [ITEMS] [embedded|JDBC_URL]
 *
 * e.g. ... 100000 "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=bench"
 * (the schema must exist and be empty). Items are bulk-inserted with JDBC batches.
 */
public class QueueViewBench {

    static final String[] DOMAINS = {"home.example", "nhs.example", "law.example", "school.example", "gp.example"};
    static final String[][] TYPES = {{"UK_NINO"}, {"UK_NHS_NUMBER", "SPECIAL_CATEGORY"}, {"PAYMENT_CARD"},
            {"UK_PASSPORT"}, {"DATE_OF_BIRTH", "UK_POSTCODE"}, {"UNSCANNABLE_ATTACHMENT"}};

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String database = args.length > 1 ? args[1] : "embedded";
        Path dir = Files.createTempDirectory("queue-bench");
        int webPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            webPort = free.getLocalPort(); // the sign-in form checks Origin against web.public_url
        }
        String yaml = "smtp:\n  listen: 127.0.0.1:0\ndomains:\n  internal: [council.example]\nroutes:\n"
                + "  internal: dir:" + dir.resolve("out") + "\n  external: dir:" + dir.resolve("out") + "\n"
                + "storage:\n  dir: " + dir + "\n  database: \"" + database + "\"\nweb:\n  listen: 127.0.0.1:" + webPort
                + "\n  public_url: http://127.0.0.1:" + webPort + "\n"
                + "policy:\n  stage: relay\n";
        try (Gateway gw = Gateway.builder(new ConfigLoader().parse(yaml, "bench.yaml")).start()) {
            QuarantineStore store = gw.quarantine().store();
            long t0 = System.nanoTime();
            fill(store.database(), items);
            System.out.printf("store: %s, %d items inserted in %.1f s%n", store.database().description(), items,
                    (System.nanoTime() - t0) / 1e9);
            gw.users().add("bench", Role.REVIEWER, "a long bench password");
            String token = gw.users().createToken("bench", "bench");
            String base = "http://127.0.0.1:" + gw.webPort();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String cookie = login(http, base);
            long middle = store.list(QuarantineFilter.all(1)).items().get(0).id() - items / 2;

            System.out.println();
            System.out.println("| view | HTML page p50 / p95 ms | JSON API p50 / p95 ms | store query alone (JDBC) p50 / p95 ms |");
            System.out.println("| --- | --- | --- | --- |");
            row("held, first page (the default)", "status=HELD", http, base, cookie, token,
                    () -> store.list(filter(Optional.of(QuarantineItem.Status.HELD), null, null, null, null)));
            row("all statuses, a page in the middle", "status=&before=" + middle, http, base, cookie, token,
                    () -> store.list(filter(Optional.empty(), null, null, null, middle)));
            row("recipient domain", "status=&domain=nhs.example", http, base, cookie, token,
                    () -> store.list(filter(Optional.empty(), "nhs.example", null, null, null)));
            row("finding type", "status=&type=UK_PASSPORT", http, base, cookie, token,
                    () -> store.list(filter(Optional.empty(), null, "UK_PASSPORT", null, null)));
            row("free-text search", "status=&q=" + URLEncoder.encode("case 4711", StandardCharsets.UTF_8), http, base,
                    cookie, token, () -> store.list(filter(Optional.empty(), null, null, "case 4711", null)));

            // The dashboard: every item is inside its 30 days (the worst case), a tenth decided.
            System.out.println();
            System.out.println("| dashboard | p50 / p95 ms |");
            System.out.println("| --- | --- |");
            System.out.printf("| whole page (HTML, 6 charts) | %s |%n",
                    time(() -> get(http, base + "/dashboard", "Cookie", cookie)));
            System.out.printf("| JSON API | %s |%n",
                    time(() -> get(http, base + "/api/v1/dashboard", "Authorization", "Bearer " + token)));
            // Each panel's own time, as the server measured it while answering the API (reading
            // the figures directly in this thread would time H2's cache of repeated results).
            Map<String, List<Double>> panels = new LinkedHashMap<>();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (int i = 0; i < 35; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/dashboard"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                if (i >= 5) {
                    json.readTree(r.body()).path("millis").fields().forEachRemaining(e -> panels.computeIfAbsent(
                            e.getKey(), k -> new ArrayList<>()).add(e.getValue().asDouble()));
                }
            }
            panels.forEach((panel, ms) -> {
                Collections.sort(ms);
                System.out.printf("| panel: %s | %.1f / %.1f |%n", panel, ms.get(ms.size() / 2),
                        ms.get((int) Math.ceil(ms.size() * 0.95) - 1));
            });
        }
    }

    static QuarantineFilter filter(Optional<QuarantineItem.Status> status, String domain, String type, String q,
            Long before) {
        return new QuarantineFilter(status, Optional.empty(), Optional.ofNullable(domain), Optional.ofNullable(type),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(q), Optional.ofNullable(before),
                50);
    }

    static void fill(Database db, int items) throws Exception {
        Random random = new Random(1);
        byte[] sealed = new byte[2048];
        random.nextBytes(sealed);
        long now = Instant.now().toEpochMilli();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement item = c.prepareStatement("INSERT INTO quarantine_item (id, queue_id, sender, "
                    + "recipients, subject, level, finding_types, classification, reason, size_bytes, received_at, "
                    + "held_at, status, node, content, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                    PreparedStatement rcpt = c.prepareStatement(
                            "INSERT INTO quarantine_recipient (item_id, address, domain, domain_reversed) VALUES (?,?,?,?)");
                    PreparedStatement finding = c.prepareStatement(
                            "INSERT INTO quarantine_finding (item_id, type) VALUES (?,?)");
                    PreparedStatement term = c.prepareStatement(
                            "INSERT INTO quarantine_term (item_id, term) VALUES (?,?)")) {
                // The dashboard's daily counts, as holding and deciding each item would have kept them.
                Map<String, Long> daily = new LinkedHashMap<>();
                java.time.ZoneId zone = java.time.ZoneId.systemDefault();
                for (int i = 1; i <= items; i++) {
                    String domain = DOMAINS[i % DOMAINS.length];
                    String day = java.time.LocalDate.ofInstant(Instant.ofEpochMilli(now - (items - i) * 1000L), zone)
                            .toString();
                    daily.merge(day + "|held", 1L, Long::sum);
                    daily.merge(day + "|domain:" + domain, 1L, Long::sum);
                    for (String type : TYPES[i % TYPES.length]) {
                        daily.merge(day + "|finding:" + type, 1L, Long::sum);
                    }
                    if (i % 10 == 0 || i % 25 == 1) {
                        daily.merge(java.time.LocalDate.ofInstant(Instant.ofEpochMilli(now - (items - i) * 1000L
                                + 60_000L * (1 + i % 240)), zone) + (i % 10 == 0 ? "|released" : "|rejected"), 1L,
                                Long::sum);
                    }
                    String[] types = TYPES[i % TYPES.length];
                    String to = "person" + i + "@" + domain;
                    String sender = "worker" + (i % 300) + "@council.example";
                    String subject = "Case " + i + " notes for review";
                    item.setLong(1, i);
                    item.setString(2, "BENCH" + i);
                    item.setString(3, sender);
                    item.setString(4, to);
                    item.setString(5, subject);
                    item.setString(6, "HIGH");
                    item.setString(7, "," + String.join(",", types) + ",");
                    item.setString(8, "{\"level\":\"HIGH\",\"findings\":[]}");
                    item.setString(9, "sensitive: level HIGH; no certificate for the recipient, held for review");
                    item.setLong(10, 20_000);
                    item.setLong(11, now - (items - i) * 1000L);
                    item.setLong(12, now - (items - i) * 1000L);
                    item.setString(13, i % 10 == 0 ? "RELEASED" : i % 25 == 1 ? "REJECTED" : "HELD");
                    item.setString(14, "bench");
                    item.setBytes(15, sealed);
                    if (i % 10 == 0 || i % 25 == 1) {
                        item.setLong(16, now - (items - i) * 1000L + 60_000L * (1 + i % 240));
                    } else {
                        item.setNull(16, java.sql.Types.BIGINT);
                    }
                    item.addBatch();
                    rcpt.setLong(1, i);
                    rcpt.setString(2, to);
                    rcpt.setString(3, domain);
                    rcpt.setString(4, QuarantineStore.reversed(domain));
                    rcpt.addBatch();
                    for (String type : types) {
                        finding.setLong(1, i);
                        finding.setString(2, type);
                        finding.addBatch();
                    }
                    for (String t : SearchTerms.of(sender, List.of(to), subject)) {
                        term.setLong(1, i);
                        term.setString(2, t);
                        term.addBatch();
                    }
                    if (i % 1000 == 0) {
                        item.executeBatch();
                        rcpt.executeBatch();
                        finding.executeBatch();
                        term.executeBatch();
                        c.commit();
                    }
                }
                item.executeBatch();
                rcpt.executeBatch();
                finding.executeBatch();
                term.executeBatch();
                try (PreparedStatement count = c.prepareStatement(
                        "INSERT INTO daily_count (count_day, name, total) VALUES (?,?,?)")) {
                    for (Map.Entry<String, Long> e : daily.entrySet()) {
                        String[] key = e.getKey().split("\\|", 2);
                        count.setString(1, key[0]);
                        count.setString(2, key[1]);
                        count.setLong(3, e.getValue());
                        count.addBatch();
                    }
                    count.executeBatch();
                }
                c.commit();
            }
            if (db.isPostgres()) {
                c.setAutoCommit(true);
                c.createStatement().execute("SELECT setval(pg_get_serial_sequence('quarantine_item','id'), " + items + ")");
                c.createStatement().execute("ANALYZE");
            } else {
                c.setAutoCommit(true);
                c.createStatement().execute("ALTER TABLE quarantine_item ALTER COLUMN id RESTART WITH " + (items + 1));
                c.createStatement().execute("ANALYZE");
            }
        }
    }

    static String login(HttpClient http, String base) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String loginCookie = cookie(form);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String body = "csrf=" + enc(m.group(1)) + "&name=bench&password=" + enc("a long bench password");
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie)
                .header("Origin", base).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("login failed: " + signedIn.statusCode());
        }
        return cookie(signedIn);
    }

    static String cookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().map(v -> v.split(";", 2)[0])
                .filter(v -> !v.endsWith("=")).reduce((a, b) -> a + "; " + b).orElseThrow();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void row(String name, String query, HttpClient http, String base, String cookie, String token,
            Callable<?> direct) throws Exception {
        String page = time(() -> get(http, base + "/quarantine?" + query, "Cookie", cookie));
        String api = time(() -> get(http, base + "/api/v1/quarantine?limit=50&" + query, "Authorization",
                "Bearer " + token));
        String store = time(direct);
        System.out.printf("| %s | %s | %s | %s |%n", name, page, api, store);
    }

    static Object get(HttpClient http, String url, String header, String value) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r.body().length();
    }

    static String time(Callable<?> work) throws Exception {
        for (int i = 0; i < 5; i++) {
            work.call();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long t = System.nanoTime();
            work.call();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        return String.format("%.1f / %.1f", ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1));
    }
}
