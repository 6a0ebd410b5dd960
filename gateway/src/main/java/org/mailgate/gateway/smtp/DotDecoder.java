package org.mailgate.gateway.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads SMTP DATA from the client up to the end-of-data mark and undoes dot-stuffing
 * (RFC 5321 4.5.2). Only {@code CRLF . CRLF} ends the data: a "." after a bare LF or CR is
 * ordinary data here (and {@link ContentChecker} then refuses the message).
 *
 * <p>The input must support mark/reset (the session's {@code BufferedInputStream} does): we
 * read in blocks for speed and give back whatever follows the end mark, because a pipelining
 * client may already have sent its next command.
 */
final class DotDecoder {

    private static final int BLOCK = 8192;

    private static final int LINE_START = 0;
    private static final int MIDDLE = 1;
    private static final int DOT = 2;
    private static final int DOT_CR = 3;

    private final byte[] in = new byte[BLOCK];
    private final byte[] out = new byte[BLOCK + 2];
    private int state = LINE_START;
    private boolean lastWasCr;

    /**
     * Copies decoded data to {@code sink} until end-of-data.
     *
     * @param deadline armed before each blocking read
     * @throws EOFException if the client closes the connection first
     */
    void transfer(InputStream input, ContentChecker sink, Deadline deadline) throws IOException {
        if (!input.markSupported()) {
            throw new IllegalArgumentException("input must support mark/reset");
        }
        while (true) {
            deadline.arm();
            input.mark(BLOCK);
            int n = input.read(in, 0, BLOCK);
            if (n < 0) {
                throw new EOFException("connection closed before end of data");
            }
            int o = 0;
            int i = 0;
            boolean end = false;
            for (; i < n && !end; i++) {
                int c = in[i] & 0xff;
                switch (state) {
                    case LINE_START -> {
                        if (c == '.') {
                            state = DOT;
                        } else {
                            out[o++] = (byte) c;
                            middle(c);
                        }
                    }
                    case MIDDLE -> {
                        out[o++] = (byte) c;
                        middle(c);
                    }
                    case DOT -> {
                        if (c == '\r') {
                            state = DOT_CR;
                        } else {
                            if (c == '\n') {
                                out[o++] = '.'; // kept so that ContentChecker sees the bare LF
                            }
                            // RFC 5321 4.5.2: a leading dot with more on the line is removed.
                            out[o++] = (byte) c;
                            middle(c);
                        }
                    }
                    default -> { // DOT_CR
                        if (c == '\n') {
                            end = true;
                        } else {
                            out[o++] = '.'; // kept so that ContentChecker sees the bare CR
                            out[o++] = '\r';
                            out[o++] = (byte) c;
                            middle(c);
                        }
                    }
                }
                if (o >= BLOCK) {
                    sink.write(out, 0, o);
                    o = 0;
                }
            }
            if (o > 0) {
                sink.write(out, 0, o);
            }
            if (end) {
                input.reset();
                input.skipNBytes(i);
                return;
            }
        }
    }

    private void middle(int c) {
        state = c == '\n' && lastWasCr ? LINE_START : MIDDLE;
        lastWasCr = c == '\r';
    }
}
