import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load and accounting for bench/faults and bench/cluster. Three commands:
 *
 * <pre>
 *   java bench/faults/Accounting.java send   --targets H:P[,H:P] --count N --rate R --prefix P --out FILE
 *                                            [--threads T] [--recipients K] [--mix plain,sensitive,attach,slow]
 *   java bench/faults/Accounting.java sink   --port P --dir DIR        (an SMTP next hop that keeps every copy)
 *   java bench/faults/Accounting.java report --log FILE[,FILE] --external DIR --internal DIR [--order]
 * </pre>
 *
 * {@code send} sends N messages at a steady rate, each with a unique id in an X-Bench-Id header,
 * in the Subject and in the Message-ID, from a@council.example to one of K external recipients
 * (round robin), and records one line per message: id, kind, target, final reply code (or "io"
 * when the connection failed), transaction time in ms, recipient, sequence number.
 *
 * {@code sink} writes every message it receives as its own file (never overwriting: a second
 * copy is a second file), named by arrival order, so duplicates and order can be counted.
 *
 * {@code report} scans what reached the external next hop and the internal route and prints one
 * accounting line: sent, acknowledged (250), delivered in clear, portal (notice to the
 * recipient, body kept back), held (held-for-review notice to the sender), lost (acknowledged,
 * found nowhere), duplicated (extra copies), leaked (a sensitive body seen at the external hop).
 */
public class Accounting {

    static final String NINO = "AB 12 34 56 C";
    static final String NHS = "943 476 5919";
    static final Pattern ID = Pattern.compile("(?m)^X-Bench-Id: (\\S+)");
    static final Pattern SEQ = Pattern.compile("(?m)^X-Bench-Seq: (\\d+)");
    static final Pattern ANY_ID = Pattern.compile("\\b([a-z0-9]+-[a-z]+-\\d{6})\\b");

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "send" -> send(o);
            case "sink" -> sink(Integer.parseInt(o.get("port")), Path.of(o.get("dir")));
            case "report" -> report(o);
            default -> throw new IllegalArgumentException("send, sink or report");
        }
    }

    // ---------------------------------------------------------------- send

    record Sent(String id, String kind, String target, String code, double ms, String rcpt, int seq) {
    }

    static void send(Map<String, String> o) throws Exception {
        String[] targets = o.get("targets").split(",");
        int count = Integer.parseInt(o.get("count"));
        double rate = Double.parseDouble(o.get("rate"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        int recipients = Integer.parseInt(o.getOrDefault("recipients", "5"));
        String[] mix = o.getOrDefault("mix", "plain,sensitive,attach").split(",");
        String prefix = o.get("prefix");
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                Map<String, Conn> conns = new HashMap<>();
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait / 1_000_000);
                    }
                    String target = targets[i % targets.length];
                    String kind = mix[i % mix.length];
                    String id = prefix + "-" + kind + "-" + String.format("%06d", i);
                    String rcpt = "r" + (i % recipients) + "@partner.example";
                    sent.add(sendOne(conns, target, id, kind, rcpt, i));
                }
                conns.values().forEach(Conn::close);
            });
            th.start();
            workers.add(th);
        }
        for (Thread th : workers) {
            th.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Sent> all = new ArrayList<>(sent);
        all.sort((a, b) -> Integer.compare(a.seq, b.seq));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(o.get("out"))))) {
            for (Sent s : all) {
                w.printf("%s\t%s\t%s\t%s\t%.1f\t%s\t%d%n", s.id, s.kind, s.target, s.code, s.ms, s.rcpt, s.seq);
            }
        }
        Map<String, Integer> codes = new TreeMap<>();
        all.forEach(s -> codes.merge(s.code, 1, Integer::sum));
        List<Double> lat = all.stream().filter(s -> s.code.equals("250")).map(s -> s.ms).sorted().toList();
        System.out.printf("sent=%d seconds=%.1f acked_msg/s=%.1f replies=%s p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                all.size(), seconds, lat.size() / seconds, codes, pct(lat, 0.50), pct(lat, 0.99),
                lat.isEmpty() ? 0 : lat.get(lat.size() - 1));
    }

    static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static Sent sendOne(Map<String, Conn> conns, String target, String id, String kind, String rcpt, int seq) {
        long t0 = System.nanoTime();
        String code;
        try {
            Conn c = conns.get(target);
            if (c == null) {
                c = new Conn(target);
                conns.put(target, c);
            }
            code = c.transaction(rcpt, message(id, kind, rcpt, seq));
            if (!code.equals("250") && !code.startsWith("4")) {
                conns.remove(target).close();
            }
        } catch (IOException e) {
            Conn c = conns.remove(target);
            if (c != null) {
                c.close();
            }
            code = "io";
            sleep(100);
        }
        return new Sent(id, kind, target, code, (System.nanoTime() - t0) / 1e6, rcpt, seq);
    }

    static byte[] message(String id, String kind, String rcpt, int seq) {
        StringBuilder b = new StringBuilder();
        b.append("From: a@council.example\r\nTo: ").append(rcpt).append("\r\n")
                .append("Subject: bench ").append(id).append("\r\n")
                .append("Message-ID: <").append(id).append("@bench.council.example>\r\n")
                .append("X-Bench-Id: ").append(id).append("\r\nX-Bench-Seq: ").append(seq).append("\r\n")
                .append("MIME-Version: 1.0\r\n");
        String text = switch (kind) {
            case "sensitive" -> "Please find the client's details: National Insurance number " + NINO
                    + ", NHS number " + NHS + ".\r\n";
            default -> "Minutes of the meeting about the footpath on Mill Lane, item " + seq + ".\r\n";
        };
        if (kind.equals("slow")) {
            // 15 MB of text in an attachment: the classifier (in a child JVM, as for every
            // attachment) needs longer than a short delivery.processing_timeout to get through it
            // (bench/faults "hung classifier"); plain text beside it is classified in a millisecond.
            b.append("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n")
                    .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(text)
                    .append("--b1\r\nContent-Type: text/plain; name=\"log.txt\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"log.txt\"\r\n\r\n")
                    .append("ref 20240611 ward North case 8841 closed 0412 footpath survey done\r\n".repeat(220_000))
                    .append("--b1--\r\n");
        } else if (kind.equals("attach")) {
            b.append("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n")
                    .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(text)
                    .append("--b1\r\nContent-Type: text/csv; name=\"counts.csv\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"counts.csv\"\r\n\r\n")
                    .append("ward,bins_collected\r\nNorth,120\r\nSouth,98\r\nEast,143\r\n--b1--\r\n");
        } else {
            b.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(text);
        }
        b.append("Some ordinary text so the message has a body of a realistic size.\r\n".repeat(20));
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One SMTP session to a gateway; transactions one after another. */
    static final class Conn {
        final Socket s;
        final InputStream in;
        final OutputStream out;

        Conn(String target) throws IOException {
            String[] hp = target.split(":");
            s = new Socket(hp[0], Integer.parseInt(hp[1]));
            s.setSoTimeout(120_000);
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
            expect(reply(in), "220");
            expect(cmd("EHLO load.bench"), "250");
        }

        String transaction(String rcpt, byte[] body) throws IOException {
            String r = cmd("MAIL FROM:<a@council.example>");
            if (!r.equals("250")) {
                return r;
            }
            r = cmd("RCPT TO:<" + rcpt + ">");
            if (!r.equals("250")) {
                cmd("RSET");
                return r;
            }
            r = cmd("DATA");
            if (!r.equals("354")) {
                return r;
            }
            out.write(body);
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply(in);
        }

        String cmd(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply(in);
        }

        void close() {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        static void expect(String got, String want) throws IOException {
            if (!got.equals(want)) {
                throw new IOException("expected " + want + ", got " + got);
            }
        }
    }

    static String reply(InputStream in) throws IOException {
        while (true) {
            String s = line(in);
            if (s == null) {
                throw new IOException("connection closed");
            }
            if (s.length() < 4 || s.charAt(3) != '-') {
                return s.substring(0, 3);
            }
        }
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            b.write(c);
        }
        if (c == -1 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- sink

    static void sink(int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicLong arrival = new AtomicLong(System.currentTimeMillis() * 1000);
        try (ServerSocket server = new ServerSocket(port, 200, java.net.InetAddress.getByName("127.0.0.1"))) {
            server.setReuseAddress(true);
            while (true) {
                Socket s = server.accept();
                Thread th = new Thread(() -> session(s, dir, arrival));
                th.setDaemon(true);
                th.start();
            }
        }
    }

    static void session(Socket s, Path dir, AtomicLong arrival) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            say(out, "220 sink.bench ESMTP");
            String l;
            while ((l = line(in)) != null) {
                String u = l.toUpperCase();
                if (u.startsWith("EHLO")) {
                    say(out, "250-sink.bench\r\n250-8BITMIME\r\n250 PIPELINING");
                } else if (u.startsWith("DATA")) {
                    say(out, "354 go on");
                    ByteArrayOutputStream m = new ByteArrayOutputStream();
                    String d;
                    while ((d = line(in)) != null && !d.equals(".")) {
                        m.write((d.startsWith(".") ? d.substring(1) : d).getBytes(StandardCharsets.ISO_8859_1));
                        m.write('\r');
                        m.write('\n');
                    }
                    Path f = dir.resolve(String.format("%020d.eml", arrival.incrementAndGet()));
                    Files.write(f, m.toByteArray());
                    say(out, "250 2.0.0 kept");
                } else if (u.startsWith("QUIT")) {
                    say(out, "221 bye");
                    return;
                } else {
                    say(out, "250 ok");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    static void say(OutputStream out, String s) throws IOException {
        out.write((s + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    // ---------------------------------------------------------------- report

    static void report(Map<String, String> o) throws IOException {
        Map<String, String[]> log = new HashMap<>();
        for (String f : o.get("log").split(",")) {
            for (String l : Files.readAllLines(Path.of(f))) {
                String[] c = l.split("\t");
                log.put(c[0], c);
            }
        }
        Map<String, Integer> clear = new HashMap<>();
        Map<String, Integer> portal = new HashMap<>();
        Map<String, Integer> held = new HashMap<>();
        Map<String, List<Long>> order = new HashMap<>(); // recipient -> sequence numbers in arrival order
        int leaked = 0;
        for (Path f : files(Path.of(o.get("external")))) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            Matcher m = ID.matcher(text);
            if (m.find()) {
                clear.merge(m.group(1), 1, Integer::sum);
                Matcher q = SEQ.matcher(text);
                if (q.find() && log.containsKey(m.group(1))) {
                    order.computeIfAbsent(log.get(m.group(1))[5], k -> new ArrayList<>())
                            .add(Long.parseLong(q.group(1)));
                }
            } else {
                Matcher a = ANY_ID.matcher(text);
                if (a.find()) {
                    portal.merge(a.group(1), 1, Integer::sum);
                }
            }
            if (text.contains(NINO) || text.contains(NHS)) {
                leaked++;
            }
        }
        for (Path f : files(Path.of(o.get("internal")))) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            if (text.contains("Subject: Held for review:")) {
                Matcher a = ANY_ID.matcher(text);
                if (a.find()) {
                    held.merge(a.group(1), 1, Integer::sum);
                }
            }
        }
        int sent = log.size();
        int acked = 0;
        int lost = 0;
        int dup = 0;
        int clearN = 0;
        int portalN = 0;
        int heldN = 0;
        int unackedButArrived = 0;
        int sensitiveInClear = 0;
        List<String> lostIds = new ArrayList<>();
        for (String[] c : log.values()) {
            String id = c[0];
            int n = clear.getOrDefault(id, 0) + portal.getOrDefault(id, 0) + held.getOrDefault(id, 0);
            clearN += clear.containsKey(id) ? 1 : 0;
            portalN += portal.containsKey(id) && !clear.containsKey(id) ? 1 : 0;
            heldN += held.containsKey(id) && !clear.containsKey(id) && !portal.containsKey(id) ? 1 : 0;
            dup += Math.max(0, n - 1);
            if (c[1].equals("sensitive") && clear.containsKey(id)) {
                sensitiveInClear++;
            }
            if (c[3].equals("250")) {
                acked++;
                if (n == 0) {
                    lost++;
                    lostIds.add(id);
                }
            } else if (n > 0) {
                unackedButArrived++;
            }
        }
        System.out.printf("sent=%d acked=%d delivered=%d portal=%d held=%d lost=%d duplicated=%d "
                + "leaked_in_clear=%d arrived_without_250=%d%n", sent, acked, clearN, portalN, heldN, lost, dup,
                Math.max(leaked, sensitiveInClear), unackedButArrived);
        if (!lostIds.isEmpty()) {
            Collections.sort(lostIds);
            System.out.println("lost ids (first 20): " + lostIds.subList(0, Math.min(20, lostIds.size())));
        }
        if (o.containsKey("order")) {
            int recipients = 0;
            int outOfOrder = 0;
            for (List<Long> arrivals : order.values()) {
                recipients++;
                long max = -1;
                for (long seq : arrivals) {
                    if (seq < max) {
                        outOfOrder++;
                    }
                    max = Math.max(max, seq);
                }
            }
            System.out.printf("order: recipients=%d deliveries_arriving_after_a_later_message=%d%n", recipients,
                    outOfOrder);
        }
    }

    /** Delivered files in arrival order (the sink's names, or modification time for dir: routes). */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new ConcurrentHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                o.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
        }
        return o;
    }
}
