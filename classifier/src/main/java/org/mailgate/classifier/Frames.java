package org.mailgate.classifier;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Length-prefixed frames between {@link IsolatedClassifier} and {@link ClassifierWorker}. */
final class Frames {
    /** Bounds a frame so a confused peer cannot make the other side allocate gigabytes. */
    static final int MAX_FRAME = 256 * 1024 * 1024;

    private Frames() {
    }

    static void write(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** Pieces of a streamed message: it is never held whole on the sending side. */
    static final int PIECE = 1024 * 1024;

    /** Thrown when a streamed message turns out longer than the limit; the peer is then in an unknown state. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("message too large");
        }
    }

    /**
     * Sends a message as frames of at most {@link #PIECE} bytes, {@code head} first, then the
     * rest of {@code rest}, and an empty frame to end it. Throws {@link TooLarge} once more than
     * {@code max} bytes have been read.
     */
    static void writeMessage(DataOutputStream out, byte[] head, InputStream rest, long max) throws IOException {
        long total = 0;
        for (int off = 0; off < head.length; off += PIECE) {
            int n = Math.min(PIECE, head.length - off);
            out.writeInt(n);
            out.write(head, off, n);
            total += n;
        }
        byte[] buf = new byte[PIECE];
        int n;
        while ((n = rest.readNBytes(buf, 0, PIECE)) > 0) {
            total += n;
            if (total > max) {
                throw new TooLarge();
            }
            out.writeInt(n);
            out.write(buf, 0, n);
        }
        if (total > max) {
            throw new TooLarge();
        }
        out.writeInt(0);
        out.flush();
    }

    /** A message sent by {@link #writeMessage}, or null at a clean end of stream. */
    static byte[] readMessage(DataInputStream in) throws IOException {
        java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
        byte[] piece;
        while ((piece = read(in)) != null) {
            if (piece.length == 0) {
                return message.toByteArray();
            }
            if (message.size() + (long) piece.length > MAX_FRAME) {
                throw new IOException("message longer than a frame may be");
            }
            message.writeBytes(piece);
        }
        return message.size() == 0 ? null : message.toByteArray();
    }

    /** The next frame, or null at a clean end of stream. */
    static byte[] read(DataInputStream in) throws IOException {
        int len;
        try {
            len = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (len < 0 || len > MAX_FRAME) {
            throw new IOException("bad frame length");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }
}
