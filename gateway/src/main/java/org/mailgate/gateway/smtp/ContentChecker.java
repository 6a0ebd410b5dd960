package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Looks at every byte of a message on its way into the spool and notes the first rule it
 * breaks: size, line length (RFC 5321 4.5.3.1.6), header size, hop count, and any line made of
 * a lone "." that is not cleanly surrounded by CRLF. Such a line is how SMTP smuggling hides
 * a second message: a lenient server further on would take it for the end of data, so we
 * refuse it here rather than pass it on.
 *
 * <p>Bytes keep flowing to the output after size is exceeded only up to the limit; the
 * caller still reads the client's data to the end so that the session stays in step.
 */
final class ContentChecker {

    enum Problem {
        TOO_BIG(552, "5.3.4", "Message size exceeds the fixed maximum message size"),
        HEADER_TOO_BIG(552, "5.3.4", "Message header exceeds the maximum header size"),
        LINE_TOO_LONG(500, "5.6.0", "Message has a line longer than 998 characters (RFC 5321 4.5.3.1.6)"),
        BARE_LINE_ENDING(554, "5.5.2",
                "Message refused: bare <CR> or <LF> next to a '.' line (possible SMTP smuggling); use CRLF"),
        TOO_MANY_HOPS(554, "5.4.6", "Too many Received headers: mail loop?");

        final Reply reply;

        Problem(int code, String enhanced, String text) {
            this.reply = new Reply(code, enhanced, text);
        }
    }

    static final int MAX_LINE = 998;
    static final int MAX_HOPS = 50;

    private final OutputStream out;
    private final long maxBytes;
    private final int maxHeaderBytes;

    private Problem problem;
    private long bytes;
    private int prev1 = '\n';
    private int prev2 = '\r';
    private int lineLength;
    private boolean inHeader = true;
    private long headerBytes;
    private int hops;
    private final byte[] lineStart = new byte[9];
    /** 0: none; 1: saw a '.' at a line start; 2: saw '.' then CR. */
    private int dotState;
    private boolean dotAfterCrlf;

    ContentChecker(OutputStream out, long maxBytes, int maxHeaderBytes) {
        this.out = out;
        this.maxBytes = maxBytes;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    Problem problem() {
        return problem;
    }

    /** Octets the client sent (what SIZE limits). */
    long bytes() {
        return bytes;
    }

    /** Writes bytes we add ourselves (the Received header); they do not count against SIZE. */
    void writeTrusted(byte[] b) throws IOException {
        out.write(b);
    }

    void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            scan(b[i] & 0xff);
        }
        long room = maxBytes - bytes;
        bytes += len;
        if (room >= len) {
            out.write(b, off, len);
        } else {
            if (room > 0) {
                out.write(b, off, (int) room);
            }
            fail(Problem.TOO_BIG);
        }
    }

    private void scan(int c) {
        checkDotLine(c);
        if (c == '\n') {
            endLine();
        } else if (c != '\r') {
            if (lineLength < lineStart.length) {
                lineStart[lineLength] = (byte) c;
            }
            if (++lineLength > MAX_LINE) {
                fail(Problem.LINE_TOO_LONG);
            }
        }
        if (inHeader && ++headerBytes > maxHeaderBytes) {
            fail(Problem.HEADER_TOO_BIG);
        }
        prev2 = prev1;
        prev1 = c;
    }

    private void checkDotLine(int c) {
        if (dotState == 1) {
            dotState = 0;
            if (c == '\n') {
                fail(Problem.BARE_LINE_ENDING);
            } else if (c == '\r') {
                dotState = 2;
            }
        } else if (dotState == 2) {
            dotState = 0;
            if (c != '\n' || !dotAfterCrlf) {
                fail(Problem.BARE_LINE_ENDING);
            }
        }
        if (c == '.' && (prev1 == '\n' || prev1 == '\r')) {
            dotState = 1;
            dotAfterCrlf = prev1 == '\n' && prev2 == '\r';
        }
    }

    private void endLine() {
        if (inHeader) {
            if (lineLength == 0) {
                inHeader = false;
            } else if (lineLength >= 9 && new String(lineStart, 0, 9, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equalsIgnoreCase("received:") && ++hops > MAX_HOPS) {
                fail(Problem.TOO_MANY_HOPS);
            }
        }
        lineLength = 0;
    }

    private void fail(Problem p) {
        if (problem == null) {
            problem = p;
        }
    }
}
