import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency load for bench/relay: CONCURRENCY connections each send messages of SIZE bytes one
 * transaction after another (MAIL, RCPT, DATA, dot) and time each transaction from MAIL FROM
 * to the 250 after the dot. Prints throughput and p50/p99/max in milliseconds.
 *
 *   java bench/relay/SmtpLoad.java HOST PORT CONCURRENCY MESSAGES SIZE
 */
public class SmtpLoad {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        int size = Integer.parseInt(args[4]);
        byte[] body = message(size);
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread th = new Thread(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    expect(in, 220);
                    cmd(out, in, "EHLO load.bench", 250);
                    while (next.getAndIncrement() < messages) {
                        long t0 = System.nanoTime();
                        cmd(out, in, "MAIL FROM:<bench@council.example>", 250);
                        cmd(out, in, "RCPT TO:<rcpt@partner.example>", 250);
                        cmd(out, in, "DATA", 354);
                        out.write(body);
                        out.flush();
                        if (reply(in) == 250) {
                            latencies.add(System.nanoTime() - t0);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    cmd(out, in, "QUIT", 221);
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("messages=%d errors=%d seconds=%.2f msg/s=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                sorted.size(), errors.get(), seconds, sorted.size() / seconds, pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static byte[] message(int size) {
        StringBuilder b = new StringBuilder("From: bench@council.example\r\nTo: rcpt@partner.example\r\nSubject: load\r\n\r\n");
        while (b.length() < size) {
            b.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        b.append(".\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void cmd(OutputStream out, InputStream in, String line, int code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int got = reply(in);
        if (got != code) {
            throw new IOException(line + " -> " + got);
        }
    }

    private static void expect(InputStream in, int code) throws IOException {
        if (reply(in) != code) {
            throw new IOException("unexpected greeting");
        }
    }

    private static int reply(InputStream in) throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.write(c);
            }
            if (c == -1) {
                throw new IOException("closed");
            }
            String s = line.toString(StandardCharsets.US_ASCII);
            if (s.length() < 4 || s.charAt(3) != '-') {
                return Integer.parseInt(s.substring(0, 3));
            }
        }
    }
}
