import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Drives bench/memory/run.sh: sends four large messages at once over SMTP, waits until each has
 * reached its place, then downloads the held one's attachment as a reviewer and reads the portal
 * one's attachment as its recipient, comparing SHA-256 digests with what was sent.
 *
 *   java bench/memory/BigMessages.java SMTP_HOST:PORT WEB_URL EXTERNAL_DIR REVIEWER PASSWORD MB
 *
 * The four, each MB megabytes on the wire:
 *   plain     to reader@partner.example: two JPEG attachments (no text to find), delivered as it is
 *   smime     to gp@surgery.example (certificate imported): an NHS number and the same JPEGs, encrypted
 *   portal    to caseworker@partner.example (no certificate): the same, kept in the secure portal
 *   held      to reader@partner.example: one attachment larger than the classifier reads, held
 */
public class BigMessages {

    public static void main(String[] args) throws Exception {
        String[] smtp = args[0].split(":");
        String web = args[1];
        Path external = Path.of(args[2]);
        String user = args[3];
        String password = args[4];
        long bytes = Long.parseLong(args[5]) * 1_000_000L;

        // Attachment bytes: raw sizes so that base64 (4/3) brings each message to about MB.
        long raw = bytes * 3 / 4;
        byte[] half = jpeg(raw / 2, 1);
        byte[] big = random(raw, 2);
        String nhs = "Please see the referral for NHS number 943 476 5919.";
        List<Message> messages = List.of(
                new Message("plain", "reader@partner.example", "Site photographs", "Photographs attached.", half, half, "image/jpeg", "photo%d.jpg"),
                new Message("smime", "gp@surgery.example", "Referral", nhs, half, half, "image/jpeg", "scan%d.jpg"),
                new Message("portal", "caseworker@partner.example", "Referral", nhs, half, half, "image/jpeg", "scan%d.jpg"),
                new Message("held", "reader@partner.example", "Survey data", "Data attached.", big, null,
                        "application/octet-stream", "survey%d.bin"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        List<Future<String>> sent = new ArrayList<>();
        for (Message m : messages) {
            sent.add(pool.submit(() -> m.send(smtp[0], Integer.parseInt(smtp[1]))));
        }
        for (int i = 0; i < sent.size(); i++) {
            System.out.printf("sent %-6s %s%n", messages.get(i).kind, sent.get(i).get());
        }
        pool.shutdown();
        System.out.printf("all four accepted in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // plain: delivered as it is; smime: an encrypted copy; portal: a notice.
        Path plain = await(external, "X-Bench-Kind: plain", Duration.ofMinutes(5));
        System.out.println("plain  delivered: " + plain + " (" + Files.size(plain) + " bytes), both attachments "
                + (contains(plain, Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(half))
                        ? "byte for byte as sent" : "NOT FOUND"));
        Path smime = await(external, "smime-type=enveloped-data", Duration.ofMinutes(5));
        System.out.println("smime  delivered encrypted: " + smime + " (" + Files.size(smime) + " bytes)");
        Path notice = await(external, "/p/", Duration.ofMinutes(5));
        Matcher link = Pattern.compile("(https?://\\S+/p/[A-Za-z0-9_-]+)").matcher(Files.readString(notice, StandardCharsets.ISO_8859_1));
        if (!link.find()) {
            throw new IllegalStateException("no portal link in " + notice);
        }
        System.out.println("portal notice: " + notice);

        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        // The reviewer: sign in, find the held item, download its attachment.
        long heldId = heldItem(http, web, user, password, Duration.ofMinutes(5));
        HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(URI.create(web + "/quarantine/" + heldId
                + "/attachments/1")).build(), HttpResponse.BodyHandlers.ofInputStream());
        System.out.printf("held   item %d: reviewer download HTTP %d, %s%n", heldId, download.statusCode(),
                compare(download.body(), big));

        // The recipient: open the link, ask for a code, read it from the mail, verify, download.
        HttpClient reader = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String url = link.group(1).replaceFirst("^https?://[^/]+", web);
        reader.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        String form = cookie(reader, web, "mg_form");
        post(reader, url + "/code", "form=" + form);
        Path codeMail = await(external, "Subject: Your code:", Duration.ofMinutes(2));
        Matcher code = Pattern.compile("Subject: Your code: (\\d{6})").matcher(Files.readString(codeMail, StandardCharsets.ISO_8859_1));
        code.find();
        HttpResponse<String> verified = post(reader, url + "/verify", "form=" + form + "&code=" + code.group(1));
        System.out.println("portal verify: HTTP " + verified.statusCode());
        HttpResponse<InputStream> read = reader.send(HttpRequest.newBuilder(URI.create(url + "/attachments/1")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        System.out.printf("portal recipient download HTTP %d, %s%n", read.statusCode(), compare(read.body(), half));
    }

    record Message(String kind, String to, String subject, String text, byte[] first, byte[] second, String type,
            String name) {

        String send(String host, int port) throws IOException {
            try (Socket s = new Socket(host, port)) {
                s.setSoTimeout(600_000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
                expect(in, "220");
                command(out, in, "EHLO bench.council.example", "250");
                command(out, in, "MAIL FROM:<bench@council.example>", "250");
                command(out, in, "RCPT TO:<" + to + ">", "250");
                command(out, in, "DATA", "354");
                String boundary = "b-" + kind;
                StringBuilder h = new StringBuilder()
                        .append("From: bench@council.example\r\nTo: ").append(to).append("\r\nSubject: ").append(subject)
                        .append("\r\nX-Bench-Kind: ").append(kind).append("\r\nMIME-Version: 1.0\r\n")
                        .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                        .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                        .append(text).append("\r\n");
                out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
                int n = 1;
                for (byte[] a : second == null ? List.of(first) : List.of(first, second)) {
                    String file = String.format(name, n++);
                    out.write(("--" + boundary + "\r\nContent-Type: " + type + "; name=\"" + file + "\"\r\n"
                            + "Content-Disposition: attachment; filename=\"" + file + "\"\r\n"
                            + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(a));
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(("--" + boundary + "--\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = expect(in, "250");
                command(out, in, "QUIT", "221");
                return reply;
            }
        }
    }

    static void command(OutputStream out, InputStream in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    static String expect(InputStream in, String code) throws IOException {
        String last;
        do {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            last = b.toString();
            if (c < 0) {
                throw new IOException("connection closed, expected " + code);
            }
        } while (last.length() > 3 && last.charAt(3) == '-');
        if (!last.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + last);
        }
        return last;
    }

    static byte[] random(long n, long seed) {
        byte[] b = new byte[(int) n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] jpeg(long n, long seed) {
        byte[] b = random(n, seed);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xE0;
        return b;
    }

    static boolean contains(Path file, byte[] needle) throws IOException {
        String hay = Files.readString(file, StandardCharsets.ISO_8859_1);
        return hay.contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    static String compare(InputStream body, byte[] expected) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        long n = 0;
        try (body) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = body.read(buf)) > 0) {
                d.update(buf, 0, r);
                n += r;
            }
        }
        boolean same = HexFormat.of().formatHex(d.digest())
                .equals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
        return n + " bytes, " + (same ? "identical to what was sent" : "DIFFERENT from what was sent");
    }

    static Path await(Path dir, String marker, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            try (Stream<Path> s = Files.walk(dir)) {
                // dir: delivery writes ".name.tmp" and renames it when complete
                for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .toList()) {
                    if (head(p).contains(marker)) {
                        return p;
                    }
                }
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException gone) {
                // a file being written or moved: look again
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("nothing with '" + marker + "' in " + dir + " within " + limit);
    }

    /** The first 64 KB: enough for headers and a notice. */
    static String head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(65536), StandardCharsets.ISO_8859_1);
        }
    }

    static long heldItem(HttpClient http, String web, String user, String password, Duration limit) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(web + "/login")).build(), HttpResponse.BodyHandlers.discarding());
        String csrf = cookie(http, web, "mg_login");
        HttpResponse<String> login = post(http, web + "/login", "csrf=" + csrf + "&name=" + enc(user) + "&password=" + enc(password));
        if (login.statusCode() != 303) {
            throw new IllegalStateException("sign-in failed: HTTP " + login.statusCode());
        }
        long until = System.nanoTime() + limit.toNanos();
        Pattern item = Pattern.compile("href=\"/quarantine/(\\d+)\"");
        while (System.nanoTime() < until) {
            HttpResponse<String> queue = http.send(HttpRequest.newBuilder(URI.create(web + "/quarantine")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = item.matcher(queue.body());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no held item within " + limit);
    }

    static String cookie(HttpClient http, String web, String name) {
        return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().get(URI.create(web)).stream()
                .filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " cookie"));
    }

    static HttpResponse<String> post(HttpClient http, String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
