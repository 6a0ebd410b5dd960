package org.mailgate.gateway.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A raw SMTP client for tests: sends exactly the bytes it is given and reads replies. */
public final class SmtpConversation implements AutoCloseable {

    /** A reply: the code and every line's text. */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return code + " " + String.join("\n", lines);
        }

        public String last() {
            return lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public SmtpConversation(int port) throws IOException {
        this(port, null);
    }

    /**
     * From a chosen loopback address (127.0.0.2, say), to play a client outside
     * {@code smtp.allowed_networks} without leaving the machine.
     */
    public SmtpConversation(int port, String localAddress) throws IOException {
        socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Reply greeting() throws IOException {
        return read();
    }

    public Reply command(String line) throws IOException {
        send(line + "\r\n");
        return read();
    }

    public SmtpConversation send(String raw) throws IOException {
        return sendBytes(raw.getBytes(StandardCharsets.UTF_8));
    }

    public SmtpConversation sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("connection closed; got so far: " + lines);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** True when the server has closed the connection (reads EOF). */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    /** STARTTLS, trusting whatever certificate the server shows. */
    public Reply startTls(SSLContext trustAll) throws IOException {
        Reply r = command("STARTTLS");
        if (r.code() == 220) {
            handshake(trustAll);
        }
        return r;
    }

    /** The TLS handshake alone, for tests that send STARTTLS themselves. */
    public void handshake(SSLContext trustAll) throws IOException {
        SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        s.setUseClientMode(true);
        s.startHandshake();
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /** A whole transaction with DATA; returns the reply to the final dot. */
    public Reply sendMail(String from, List<String> to, String message) throws IOException {
        expect(command("MAIL FROM:<" + from + ">"), 250);
        for (String r : to) {
            expect(command("RCPT TO:<" + r + ">"), 250);
        }
        expect(command("DATA"), 354);
        send(dotStuff(message) + ".\r\n");
        return read();
    }

    public static String dotStuff(String message) {
        String m = message.endsWith("\r\n") ? message : message + "\r\n";
        return (m.startsWith(".") ? "." : "") + m.replace("\r\n.", "\r\n..");
    }

    public static Reply expect(Reply r, int code) {
        if (r.code() != code) {
            throw new AssertionError("expected " + code + " but got " + r);
        }
        return r;
    }

    private String line() throws IOException {
        return TestFiles.readLine(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
