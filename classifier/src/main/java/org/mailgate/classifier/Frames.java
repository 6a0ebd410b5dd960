package org.mailgate.classifier;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

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
