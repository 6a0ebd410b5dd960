package org.mailgate.gateway.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A next-hop SMTP server for tests that keeps the exact bytes of every message (GreenMail
 * re-parses them) and can be told how to answer: per-recipient replies, a refusal at the
 * greeting, STARTTLS with a given certificate, or being down altogether.
 */
public final class TestSink implements AutoCloseable {

    /** One message as the sink received it. */
    public record Received(String helo, String sender, List<String> recipients, byte[] data, boolean tls,
            String mailParameters) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile ServerSocket server;
    private volatile int port;
    private volatile Function<String, String> rcptReply = r -> "250 2.1.5 Ok";
    private volatile String dataReply = "250 2.0.0 Ok: queued";
    private volatile String greeting = "220 sink ESMTP";
    private volatile SSLContext tls;
    private volatile boolean pipelining = true;
    private volatile long dataDelayMillis;

    public TestSink() throws IOException {
        start(0);
    }

    /** Listens (again) on the given port, or any free port for 0. */
    public synchronized TestSink start(int wantedPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort));
        server = s;
        port = s.getLocalPort();
        threads.execute(() -> accept(s));
        return this;
    }

    /** Stops listening: connections are refused until {@link #start(int)} with {@link #port()}. */
    public synchronized void stop() throws IOException {
        server.close();
    }

    public int port() {
        return port;
    }

    public List<Received> received() {
        return received;
    }

    public TestSink rcptReply(Function<String, String> f) {
        this.rcptReply = f;
        return this;
    }

    public TestSink dataReply(String reply) {
        this.dataReply = reply;
        return this;
    }

    public TestSink greeting(String reply) {
        this.greeting = reply;
        return this;
    }

    public TestSink tls(SSLContext context) {
        this.tls = context;
        return this;
    }

    /** Waits this long before answering the final dot (a slow next hop). */
    public TestSink dataDelay(long millis) {
        this.dataDelayMillis = millis;
        return this;
    }

    public TestSink pipelining(boolean on) {
        this.pipelining = on;
        return this;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                threads.execute(() -> serve(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket c = socket) {
            c.setSoTimeout(30_000);
            Conn conn = new Conn(c);
            conn.reply(greeting);
            if (!greeting.startsWith("220")) {
                return;
            }
            String helo = null;
            String from = null;
            String params = "";
            List<String> rcpts = new ArrayList<>();
            boolean secure = false;
            while (true) {
                String line = conn.line();
                if (line == null) {
                    return;
                }
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    helo = line.substring(4).trim();
                    StringBuilder r = new StringBuilder("250-sink\r\n");
                    if (pipelining) {
                        r.append("250-PIPELINING\r\n");
                    }
                    if (tls != null && !secure) {
                        r.append("250-STARTTLS\r\n");
                    }
                    r.append("250-SIZE 100000000\r\n250-SMTPUTF8\r\n250 8BITMIME");
                    conn.reply(r.toString());
                } else if (upper.startsWith("HELO")) {
                    helo = line.substring(4).trim();
                    conn.reply("250 sink");
                } else if (upper.equals("STARTTLS") && tls != null && !secure) {
                    conn.reply("220 2.0.0 go ahead");
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(c, null, c.getPort(), false);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    conn = new Conn(ssl);
                    secure = true;
                } else if (upper.startsWith("MAIL FROM:")) {
                    String arg = line.substring(10);
                    from = arg.substring(arg.indexOf('<') + 1, arg.indexOf('>'));
                    params = arg.substring(arg.indexOf('>') + 1).trim();
                    rcpts.clear();
                    conn.reply("250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    String rcpt = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    String reply = rcptReply.apply(rcpt);
                    if (reply.startsWith("2")) {
                        rcpts.add(rcpt);
                    }
                    conn.reply(reply);
                } else if (upper.equals("DATA")) {
                    if (rcpts.isEmpty()) {
                        conn.reply("554 5.5.1 no valid recipients");
                        continue;
                    }
                    conn.reply("354 go ahead");
                    byte[] data = conn.data();
                    if (dataDelayMillis > 0) {
                        try {
                            Thread.sleep(dataDelayMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    String reply = dataReply;
                    if (reply.startsWith("2")) {
                        received.add(new Received(helo, from, List.copyOf(rcpts), data, secure, params));
                    }
                    conn.reply(reply);
                } else if (upper.equals("RSET")) {
                    rcpts.clear();
                    conn.reply("250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    conn.reply("221 2.0.0 Bye");
                    return;
                } else {
                    conn.reply("502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // connection ended; the client sees what it sees
        }
    }

    private static final class Conn {
        final InputStream in;
        final OutputStream out;

        Conn(Socket s) throws IOException {
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        }

        void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws IOException {
            return TestFiles.readLine(in);
        }

        /** Reads DATA to CRLF.CRLF and undoes dot-stuffing. */
        byte[] data() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            boolean lineStart = true;
            int prev = -1;
            while (true) {
                int c = in.read();
                if (c == -1) {
                    throw new IOException("eof in data");
                }
                if (lineStart && c == '.') {
                    int n1 = in.read();
                    if (n1 == '\r') {
                        int n2 = in.read();
                        if (n2 == '\n') {
                            return b.toByteArray();
                        }
                        b.write('\r');
                        b.write(n2);
                        lineStart = false;
                        prev = n2;
                        continue;
                    }
                    c = n1;
                }
                b.write(c);
                lineStart = c == '\n' && prev == '\r';
                prev = c;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
