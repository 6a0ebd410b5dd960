package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds the whole transfer of one message, not just each read: a client that trickles a
 * byte every few minutes would otherwise hold a thread for ever. Before each read the socket
 * timeout is cut to whichever comes first, the idle timeout or the overall deadline.
 */
final class Deadline {

    private final Socket socket;
    private final Clock clock;
    private final Instant end;
    private final int idleMillis;

    Deadline(Socket socket, Clock clock, Duration total, Duration idle) {
        this.socket = socket;
        this.clock = clock;
        this.end = clock.instant().plus(total);
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idle.toMillis());
    }

    void arm() throws IOException {
        long left = Duration.between(clock.instant(), end).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("message transfer took longer than the data timeout");
        }
        socket.setSoTimeout((int) Math.min(left, idleMillis));
    }

    /** Puts the plain idle timeout back for the command phase. */
    void disarm() {
        try {
            socket.setSoTimeout(idleMillis);
        } catch (IOException ignored) {
            // the socket is closing; the session ends on its next read
        }
    }
}
