package org.mailgate.gateway.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP client for relaying: it sends the spooled bytes exactly (only dot-stuffing is
 * added on the wire), and reports the server's reply for each recipient separately, which a
 * MimeMessage-based client would not. One instance is one connection.
 */
final class SmtpClient implements Closeable {

    private static final int MAX_REPLY_LINES = 100;
    private static final int MAX_REPLY_LINE = 4096;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Duration commandTimeout;
    private final Set<String> extensions = new HashSet<>();
    private long maxSize;
    private boolean tls;

    private final String localAddress;

    private SmtpClient(Socket socket, Duration commandTimeout) throws IOException {
        this.commandTimeout = commandTimeout;
        this.localAddress = socket.getLocalAddress().getHostAddress();
        attach(socket);
    }

    static SmtpClient connect(InetSocketAddress address, Duration connectTimeout, Duration commandTimeout)
            throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, (int) connectTimeout.toMillis());
            return new SmtpClient(s, commandTimeout);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout((int) commandTimeout.toMillis());
        this.in = new BufferedInputStream(s.getInputStream(), 8192);
        this.out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    SmtpReply greeting() throws IOException {
        return read();
    }

    /** EHLO, falling back to HELO for old servers; remembers the extensions offered. */
    SmtpReply hello(String name) throws IOException {
        SmtpReply r = command("EHLO " + name);
        extensions.clear();
        if (r.code() == 250) {
            for (String line : r.lines().subList(1, r.lines().size())) {
                String ext = line.toUpperCase(Locale.ROOT);
                extensions.add(ext.split(" ", 2)[0]);
                if (ext.startsWith("SIZE ")) {
                    try {
                        maxSize = Long.parseLong(ext.substring(5).trim());
                    } catch (NumberFormatException ignored) {
                        maxSize = 0;
                    }
                }
            }
            return r;
        }
        if (r.code() >= 500 && r.code() < 510) {
            return command("HELO " + name);
        }
        return r;
    }

    boolean offers(String extension) {
        return extensions.contains(extension);
    }

    /** Our address on this connection (the {@code sending-mta-ip} of a TLS report). */
    String localAddress() {
        return localAddress;
    }

    boolean isTls() {
        return tls;
    }

    /** The server's certificate chain once TLS is up; empty before. */
    java.security.cert.Certificate[] peerCertificates() {
        try {
            return socket instanceof SSLSocket s ? s.getSession().getPeerCertificates()
                    : new java.security.cert.Certificate[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return new java.security.cert.Certificate[0];
        }
    }

    String tlsDescription() {
        if (!(socket instanceof SSLSocket s)) {
            return "none";
        }
        return s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
    }

    /**
     * STARTTLS and handshake. With {@code verifyHost} the server certificate must chain to a
     * trusted CA and name that host (HTTPS-style identity check).
     */
    /** STARTTLS; {@code verifyHost}: the name the certificate must carry (null: any); no protocol older than {@code minVersion}. */
    SmtpReply startTls(SSLContext context, String verifyHost, String minVersion) throws IOException {
        SmtpReply r = command("STARTTLS");
        if (r.code() != 220) {
            return r;
        }
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        s.setUseClientMode(true);
        SSLParameters params = s.getSSLParameters();
        params.setProtocols(org.mailgate.config.GatewayConfig.Tls.protocolsFrom(minVersion, s.getSupportedProtocols()));
        if (verifyHost != null) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
            if (!verifyHost.matches("[0-9.:]+")) {
                params.setServerNames(List.of(new SNIHostName(verifyHost)));
            }
        }
        s.setSSLParameters(params);
        s.startHandshake();
        attach(s);
        tls = true;
        return r;
    }

    /** Outcome of one transaction: a reply per recipient (the final one for accepted recipients). */
    record Result(SmtpReply mail, Map<String, SmtpReply> recipients) {
    }

    /**
     * Sends one message. Uses PIPELINING when offered. The content must be the exact bytes to
     * deliver; dot-stuffing and the end-of-data mark are added here.
     */
    Result send(String sender, List<String> recipients, InputStream content, long size, boolean smtpUtf8)
            throws IOException {
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(sender).append('>');
        if (offers("SIZE")) {
            mail.append(" SIZE=").append(size);
        }
        if (offers("8BITMIME")) {
            mail.append(" BODY=8BITMIME");
        }
        if (smtpUtf8) {
            mail.append(" SMTPUTF8");
        }
        boolean pipelining = offers("PIPELINING");
        Map<String, SmtpReply> replies = new LinkedHashMap<>();
        SmtpReply mailReply;
        List<String> accepted = new ArrayList<>();
        if (pipelining) {
            write(mail.toString());
            for (String r : recipients) {
                write("RCPT TO:<" + r + ">");
            }
            write("DATA");
            out.flush();
            mailReply = read();
            for (String r : recipients) {
                SmtpReply rr = read();
                replies.put(r, mailReply.isPositive() ? rr : mailReply);
                if (mailReply.isPositive() && rr.isPositive()) {
                    accepted.add(r);
                }
            }
            SmtpReply dataReply = read();
            if (!mailReply.isPositive() || accepted.isEmpty() || dataReply.code() != 354) {
                if (dataReply.code() == 354) {
                    // Servers must refuse DATA without recipients, but if one did not, end it empty.
                    write(".");
                    out.flush();
                    read();
                }
                fill(replies, accepted, mailReply.isPositive() && !accepted.isEmpty() ? dataReply : null);
                reset();
                return new Result(mailReply, replies);
            }
        } else {
            mailReply = command(mail.toString());
            if (!mailReply.isPositive()) {
                recipients.forEach(r -> replies.put(r, mailReply));
                reset();
                return new Result(mailReply, replies);
            }
            for (String r : recipients) {
                SmtpReply rr = command("RCPT TO:<" + r + ">");
                replies.put(r, rr);
                if (rr.isPositive()) {
                    accepted.add(r);
                }
            }
            if (accepted.isEmpty()) {
                reset();
                return new Result(mailReply, replies);
            }
            SmtpReply dataReply = command("DATA");
            if (dataReply.code() != 354) {
                fill(replies, accepted, dataReply);
                reset();
                return new Result(mailReply, replies);
            }
        }
        writeContent(content);
        socket.setSoTimeout((int) Math.max(commandTimeout.toMillis(), Duration.ofMinutes(10).toMillis()));
        SmtpReply end = read();
        socket.setSoTimeout((int) commandTimeout.toMillis());
        for (String r : accepted) {
            replies.put(r, end);
        }
        return new Result(mailReply, replies);
    }

    private static void fill(Map<String, SmtpReply> replies, List<String> accepted, SmtpReply with) {
        if (with != null) {
            for (String r : accepted) {
                replies.put(r, with);
            }
        }
    }

    private void reset() throws IOException {
        command("RSET");
    }

    void quit() {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // the message is already delivered or deferred; closing is all that is left
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    long maxSize() {
        return maxSize;
    }

    /** Streams the message with dot-stuffing, making sure it ends with CRLF before the dot. */
    private void writeContent(InputStream content) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int prev1 = '\n';
        int prev2 = '\r';
        int n;
        while ((n = content.read(buf)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                int c = buf[i] & 0xff;
                if (c == '.' && prev1 == '\n' && prev2 == '\r') {
                    out.write(buf, start, i - start);
                    out.write('.');
                    start = i;
                }
                prev2 = prev1;
                prev1 = c;
            }
            out.write(buf, start, n - start);
        }
        if (!(prev1 == '\n' && prev2 == '\r')) {
            out.write('\r');
            out.write('\n');
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private SmtpReply command(String line) throws IOException {
        write(line);
        out.flush();
        return read();
    }

    private void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            int code = Integer.parseInt(line.substring(0, 3));
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (!more) {
                return new SmtpReply(code, lines);
            }
            if (lines.size() > MAX_REPLY_LINES) {
                throw new IOException("SMTP reply has too many lines");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new IOException("SMTP reply line too long");
            }
            line.write(c);
        }
        throw new EOFException("connection closed by the server");
    }
}
